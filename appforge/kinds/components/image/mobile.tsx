// The `image` component's widget (appforge mobile runtime): shipped as src/components/Image.tsx
// to an app that uses the component.
import { Image as RNImage } from "react-native";
import { Base } from "../runtime/components";
import { safeUrl } from "../runtime/value";

export function Image(p: Base & { src: string; alt: string; width?: number; height?: number }) {
  if (p.visible === false) return null;
  const uri = safeUrl(p.src, ["http", "https"]);
  if (uri === null) return null;
  return <RNImage testID={p.testID} accessibilityLabel={p.alt} accessible
                  source={{ uri }} style={{ width: p.width ?? 64, height: p.height ?? 64 }} />;
}
