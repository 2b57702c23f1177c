import { Linking } from "react-native";
open_url: (u: Expr): Action => async (c) => {
  const url = safeUrl(u(c), ["http", "https", "mailto", "tel"]);
  if (url) await Linking.openURL(url);
},
