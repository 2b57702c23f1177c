R.act.track = function (event, props) {
  return function (sc) {
    var values = Object.create(null);
    Object.keys(props).forEach(function (k) { values[k] = props[k](sc); });
    track(event, values);
  };
};
