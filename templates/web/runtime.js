// appforge web runtime: shared by every generated app, hand-written and dependency-free.
// The generated app.js describes pages as calls into this file; every reactive value comes with
// the list of inputs it reads (computed by the compiler), so a change re-runs exactly the
// effects that read it. Spec text and fetched data reach the page only through textContent,
// attribute setters and checked URLs.
(function (global) {
  "use strict";
  var R = {};
  var has = Object.prototype.hasOwnProperty;
  // Names from the spec (page ids, state keys, sources, fields, params) are plain names here,
  // "__proto__", "constructor" and "toString" too. The tables app.js builds by them have own
  // properties only (pages and sources have no prototype; a "__proto__" key is written as a
  // computed key) and are read only for names the compiler checked; a record from storage or
  // a reply is read with R.m (own properties); and an object the runtime fills by such names
  // (a record, params, headers) has no prototype, so that "__proto__" is a field like another
  // (on a plain object, assigning it would replace the prototype).

  // ---- values --------------------------------------------------------------------------
  function str(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return String(v);
    if (Array.isArray(v)) return v.map(str).join(", ");
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  function num(v) {
    if (typeof v === "number") return v;
    if (v === null || v === undefined || v === "") return 0;
    var n = Number(v);
    return isNaN(n) ? 0 : n;
  }
  function eq(a, b) {
    if (a === b) return true;
    if (a === null || a === undefined) return b === null || b === undefined;
    if (typeof a === "object" && typeof b === "object" && b !== null) {
      return JSON.stringify(a) === JSON.stringify(b);
    }
    return false;
  }
  R.str = str;
  R.eq = eq;
  R.num = num;
  // A record's own field, else null (a list has no fields: its length is len(x))
  R.m = function (o, k) {
    return o !== null && typeof o === "object" && !Array.isArray(o) && has.call(o, k) ? o[k] : null;
  };
  // only-with: R.i(
  // The item at a whole index inside the list, else null
  R.i = function (l, i) {
    return Array.isArray(l) && typeof i === "number" && Math.floor(i) === i && i >= 0 &&
      i < l.length ? l[i] : null;
  };
  // end-only
  // only-with: R.add(
  R.add = function (a, b) {
    return typeof a === "string" || typeof b === "string" ? str(a) + str(b) : num(a) + num(b);
  };
  // end-only
  // The functions expressions call (F.<name>): each function kind's web code
  R.fn = {};

  // Runtime type checks, for persisted values and data source replies (types are emitted by
  // the compiler as small descriptors: {k: kind, of, m: model, v: enum values}).
  function fits(v, t, depth) {
    if (v === null || v === undefined || t.k === "any") return true;
    if (depth > 20) return false;
    switch (t.k) {
      case "string": case "date": case "email": case "url": return typeof v === "string";
      case "enum": return typeof v === "string" && t.v.indexOf(v) >= 0;
      case "number": return typeof v === "number" && isFinite(v);
      case "integer": return typeof v === "number" && Math.floor(v) === v;
      case "boolean": return typeof v === "boolean";
      case "list": return Array.isArray(v) && v.every(function (x) { return fits(x, t.of, depth + 1); });
      case "record":
        if (typeof v !== "object" || Array.isArray(v)) return false;
        var fields = R.app.models[t.m] || [];
        return fields.every(function (f) { return fits(R.m(v, f.name), f.type, depth + 1); });
      default: return true;
    }
  }
  R.fits = function (v, t) { return fits(v, t, 0); };

  // Records keep a stable identity across immutable updates, so list items survive edits.
  var ids = new WeakMap();
  var nextId = 1;
  function idOf(o) {
    if (o === null || typeof o !== "object") return "v:" + str(o);
    if (!ids.has(o)) ids.set(o, "r" + nextId++);
    return ids.get(o);
  }

  // ---- reactivity ----------------------------------------------------------------------
  var store = new Map();
  var subs = new Map();
  var pending = new Set();
  var flushing = false;

  // A scope holds the variables of a page, a list item or an event, and the effects that
  // belong to it. A list's items are not its children: the list disposes them itself, at
  // once when it clears.
  function Scope(parent, vars, detached) {
    this.parent = parent;
    this.v = Object.create(parent ? parent.v : null);
    if (vars) Object.keys(vars).forEach(function (k) { this.v[k] = vars[k]; }, this);
    this.p = parent ? parent.p : Object.create(null);
    this.f = parent ? parent.f : null;
    this.e = parent ? parent.e : null;
    // Only the effects that read global keys (the others die with their scope: see flush)
    this.effects = [];
    // Made when first needed: most list items have neither
    this.children = null;
    this.local = null;
    this.cleanups = null;
    this.dead = false;
    if (parent && !detached) (parent.children || (parent.children = new Set())).add(this);
  }
  Scope.prototype.dispose = function (fromParent) {
    if (this.dead) return;
    this.dead = true;
    for (var i = 0; i < this.effects.length; i++) {
      var e = this.effects[i];
      e.dead = true;
      for (var j = 0; j < e.keys.length; j++) { var s = subs.get(e.keys[j]); if (s) s.delete(e); }
    }
    if (this.children) this.children.forEach(function (c) { c.dispose(true); });
    if (this.cleanups) this.cleanups.forEach(function (f) { f(); });
    if (this.parent && !fromParent && this.parent.children) this.parent.children.delete(this);
  };
  R.Scope = Scope;

  function owner(sc, sym) {
    for (var s = sc; s; s = s.parent) if (has.call(s.v, sym)) return s;
    return null;
  }

  // An effect re-runs `run` when one of `deps` changes: global keys ("state.tasks",
  // "data.quotes") or a loop variable of an enclosing list item ("loop.<symbol>"), which
  // the list re-runs itself (runLocal). An effect that reads nothing runs once.
  function effect(sc, deps, run) {
    var e = { run: run, keys: [], dead: false, sc: sc };
    for (var i = 0; i < deps.length; i++) {
      var d = deps[i];
      if (d.slice(0, 5) === "loop.") {
        var o = owner(sc, d.slice(5));
        if (o) {
          var local = o.local || (o.local = new Map());
          var list = local.get(d);
          if (list) list.push(e); else local.set(d, [e]);
        }
      } else {
        var s = subs.get(d);
        if (!s) subs.set(d, s = new Set());
        s.add(e);
        e.keys.push(d);
      }
    }
    if (e.keys.length) sc.effects.push(e);
    run();
    return e;
  }
  function runLocal(sc, key) {
    var list = sc.local && sc.local.get(key);
    if (list) for (var i = 0; i < list.length; i++) if (!list[i].dead && !list[i].sc.dead) list[i].run();
  }
  function schedule(set) {
    if (!set) return;
    set.forEach(function (e) { pending.add(e); });
    if (!flushing) {
      flushing = true;
      Promise.resolve().then(flush);
    }
  }
  function flush() {
    while (pending.size) {
      var batch = Array.from(pending);
      pending.clear();
      batch.forEach(function (e) { if (!e.dead && !e.sc.dead) e.run(); });
    }
    flushing = false;
  }
  R.flushNow = flush;

  // A value in generated code is a constant or D(deps, fn): bind it to `apply`.
  R.D = function (deps, fn) { return { d: deps, f: fn }; };
  function dyn(v) { return v !== null && typeof v === "object" && has.call(v, "f") && has.call(v, "d"); }
  function bindValue(sc, v, apply) {
    if (dyn(v)) return effect(sc, v.d, function () { apply(v.f(sc)); });
    apply(v);
  }
  function evalValue(sc, v) { return dyn(v) ? v.f(sc) : v; }

  // ---- state and persistence -----------------------------------------------------------
  function storageKey(key) { return "appforge:" + R.app.id + ":" + key; }
  function get(key) { return store.get(key); }
  function set(key, value) {
    store.set(key, value);
    var def = R.app.state[key];
    if (def && def.persist) {
      try { localStorage.setItem(storageKey(key), JSON.stringify(value)); } catch (err) { /* full or blocked: keep running */ }
    }
    schedule(subs.get("state." + key));
  }
  R.g = get;
  R.set = set;

  var restored = Object.create(null);
  function initState() {
    Object.keys(R.app.state).forEach(function (key) {
      var def = R.app.state[key];
      var value = def.d;
      if (def.persist) {
        try {
          var raw = localStorage.getItem(storageKey(key));
          if (raw !== null) {
            var parsed = JSON.parse(raw);
            if (R.fits(parsed, def.t)) { value = parsed; restored[key] = true; } // else the default
          }
        } catch (err) { /* unreadable storage: the default */ }
      }
      store.set(key, value);
    });
  }

  function setPath(obj, path, value) {
    if (!path.length) return value;
    var copy = Object.create(null);
    if (obj && typeof obj === "object") Object.keys(obj).forEach(function (k) { copy[k] = obj[k]; });
    copy[path[0]] = setPath(R.m(obj, path[0]), path.slice(1), value);
    if (obj && typeof obj === "object") ids.set(copy, idOf(obj));
    return copy;
  }
  function getPath(obj, path) {
    return path.reduce(function (o, k) { return R.m(o, k); }, obj);
  }

  // Targets: {r: "state", n: key, p: [path]} or {r: "loop", s: symbol, p: [path], l: stateKey}.
  R.read = function (sc, t) {
    var base = t.r === "state" ? get(t.n) : sc.v[t.s];
    return getPath(base, t.p);
  };
  R.write = function (sc, t, value) {
    if (t.r === "state") {
      set(t.n, setPath(get(t.n), t.p, value));
      return;
    }
    var rec = sc.v[t.s];
    var list = get(t.l) || [];
    var at = list.indexOf(rec);
    // The record has left the list meanwhile: nothing to write
    if (at < 0) return;
    var updated = setPath(rec, t.p, value);
    var copy = list.slice();
    copy[at] = updated;
    set(t.l, copy);
  };

  // A URL is judged the way the browser will read it: the URL parser drops tabs and newlines
  // anywhere and control characters and spaces at both ends ("java\tscript:" is javascript:),
  // so the same clean-up comes first and the cleaned text is what the page gets.
  function safeUrl(u, schemes) {
    var s = str(u).replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
    var m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
    // A relative URL
    if (!m) return s;
    return schemes.indexOf(m[1].toLowerCase()) >= 0 ? s : null;
  }
  R.safeUrl = safeUrl;

  // ---- actions -------------------------------------------------------------------------
  // Actions run in order; a fetch finishes before the next starts; a failure stops the list.
  function run(sc, actions) {
    return actions.reduce(function (p, a) { return p.then(function () { return a(sc); }); },
                          Promise.resolve());
  }
  R.run = run;
  // What parts shipped only to some apps do when the app starts
  var onStart = [];
  // Each action ships only to the apps that use it: its kind's web.js
  // (appforge/kinds/actions/<name>/), put here by render.py.
  R.act = {};
  function track(event, props) { if (R.beacon) R.beacon(event, props); }
  // ---- actions: each kind's code

  // ---- DOM helpers ---------------------------------------------------------------------
  function h(tag, cls, parent) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (parent) parent.appendChild(el);
    return el;
  }
  R.h = h;
  var uid = 0;
  function nextUid(prefix) { uid += 1; return prefix + uid; }

  // Every component: R.c[type](parent, scope, props, events, slots) -> element; the
  // components are the kinds' web.js files (appforge/kinds/components/<name>/), one each.
  R.c = {};
  R.mount = function (type, parent, sc, props, events, slots) {
    var el = R.c[type](parent, sc, props, events || {}, slots || {});
    if (props.id) el.setAttribute("data-testid", props.id);
    if (has.call(props, "visible")) bindValue(sc, props.visible, function (v) { el.hidden = !v; });
    return el;
  };
  // Text: a constant is written once; a value that changes keeps one text node, whose data
  // is written only when the text changed (a record's other fields changing leaves it alone).
  function text(el, sc, v) {
    if (!dyn(v)) { el.textContent = str(v); return; }
    var node = null;
    var last = "";
    effect(sc, v.d, function () {
      var s = str(v.f(sc));
      if (node === null) {
        // The first text: one DOM call where the element is still empty (a new item's)
        if (s !== "" && !el.firstChild) { el.textContent = s; node = el.firstChild; }
        else node = el.appendChild(document.createTextNode(s));
        last = s;
      } else if (s !== last) { node.data = s; last = s; }
    });
  }
  // An event's actions; while they still run (a fetch), the same event is ignored, so a
  // double click sends one request. Actions without a fetch end before the next click.
  function handler(sc, actions) {
    var busy = false;
    return function (ev) {
      if (ev && ev.preventDefault && ev.type === "click" && ev.currentTarget.tagName === "A") ev.preventDefault();
      if (busy) return;
      busy = true;
      run(sc, actions).catch(function () { /* reported by the failing source's on_error */ })
        .then(function () { busy = false; });
    };
  }


  function field(p, sc, props, control) {
    var wrap = h("div", "field", p);
    var id = nextUid("f");
    if (props.label !== undefined && props.label !== null) {
      var label = h("label", "label", wrap);
      label.htmlFor = id;
      text(label, sc, props.label);
    } else {
      unlabelled(sc, props, control);
    }
    wrap.appendChild(control);
    control.id = id;
    return wrap;
  }
  // A control without a label still gets an accessible name: its placeholder, else the name
  // of what it binds ("state.due_date" -> "Due date"), the way forms name their fields.
  function unlabelled(sc, props, control) {
    var t = props.bind;
    var name = str(t && t.p.length ? t.p[t.p.length - 1] : t && t.n).replace(/_/g, " ");
    name = name.charAt(0).toUpperCase() + name.slice(1);
    var v = props.placeholder !== undefined && props.placeholder !== null ? props.placeholder : name;
    bindValue(sc, v, function (x) { control.setAttribute("aria-label", str(x)); });
  }
  function bindInput(sc, props, events, el, read, show, eventName) {
    var t = props.bind;
    effect(sc, t.deps, function () {
      var v = R.read(sc, t);
      if (!eq(read(), v)) show(v);
    });
    el.addEventListener(eventName, function () { R.write(sc, t, read()); });
    // only-with: on_change:
    if (events.on_change) {
      el.addEventListener("change", function () {
        var child = new Scope(sc);
        child.e = read();
        run(child, events.on_change).catch(function () {}).then(function () { child.dispose(); });
      });
    }
    // end-only
  }
  // Keyed lists. An item keeps its element and scope while its key stays; an item whose record
  // changed re-runs only the effects that read its loop variable, at once. A new list is
  // compared with the old one from both ends first, so the usual edits cost what they change:
  // records replaced in place touch their rows only, a removal or insertion one row, a clear
  // one DOM operation. Whatever is left in the middle is matched by key,
  // and only the elements outside the longest increasing run of old positions move (the
  // approach of Inferno and Vue 3). The n-th repeat of a key matches the n-th repeat.
  function reconcile(sc, container, props, renderItem, wrapperTag, emptyEl) {
    var as = props.as, ix = props.i, asKey = "loop." + as, ixKey = "loop." + ix;
    var items = [];
    // A key is computed in one scope reused for every record.
    var ks = Object.create(sc);
    ks.v = Object.create(sc.v);
    function keyOf(rec, index) {
      if (!props.key) return idOf(rec);
      ks.v[as] = rec;
      ks.v[ix] = index;
      return "k:" + str(props.key.f(ks));
    }
    var proto = document.createElement(wrapperTag);
    proto.className = "item";
    if (props.id) proto.setAttribute("data-testid", props.id + "-item");
    function create(rec, index, k) {
      var scope = new Scope(sc, null, true);
      scope.v[as] = rec;
      scope.v[ix] = index;
      var el = proto.cloneNode(false);
      renderItem(el, scope);
      return { el: el, sc: scope, k: k, rec: rec, index: index };
    }
    // An item carried over: tell what reads it that its record or position changed.
    function keep(item, rec, index) {
      if (item.rec !== rec) {
        item.rec = rec;
        item.sc.v[as] = rec;
        runLocal(item.sc, asKey);
      }
      if (item.index !== index) {
        item.index = index;
        item.sc.v[ix] = index;
        runLocal(item.sc, ixKey);
      }
      return item;
    }
    function same(item, rec, index) {
      return item.rec === rec || item.k === keyOf(rec, index);
    }
    function drop(item) { item.sc.dispose(true); }
    (sc.cleanups || (sc.cleanups = [])).push(function () { items.forEach(drop); });

    effect(sc, props.items.d, function () {
      var list = props.items.f(sc) || [];
      var n = list.length, m = items.length;
      var next = new Array(n);
      var i, j;
      // From both ends: what matches stays where it is.
      var s = 0, oe = m, ne = n;
      while (s < oe && s < ne && same(items[s], list[s], s)) { next[s] = keep(items[s], list[s], s); s++; }
      while (oe > s && ne > s && same(items[oe - 1], list[ne - 1], ne - 1)) {
        oe--; ne--;
        next[ne] = keep(items[oe], list[ne], ne);
      }
      var anchor = oe < m ? items[oe].el : null;
      if (s === oe) {
        // Only new items in the middle: one insertion
        if (s < ne) {
          var frag = document.createDocumentFragment();
          for (j = s; j < ne; j++) frag.appendChild((next[j] = create(list[j], j, keyOf(list[j], j))).el);
          container.insertBefore(frag, anchor);
        }
      } else if (s === ne) {
        // Only items gone: all of them at once when the list is cleared
        if (n === 0) container.textContent = "";
        for (i = s; i < oe; i++) { if (n) items[i].el.remove(); drop(items[i]); }
      } else {
        // The middle by key
        var byKey = new Map();
        for (i = s; i < oe; i++) {
          var q = byKey.get(items[i].k);
          if (q) q.push(i); else byKey.set(items[i].k, [i]);
        }
        var old = new Array(ne - s);
        var moved = false, last = -1;
        for (j = s; j < ne; j++) {
          var k = keyOf(list[j], j);
          var at = byKey.get(k);
          var o = at && at.length ? at.shift() : -1;
          old[j - s] = o;
          if (o >= 0) {
            next[j] = keep(items[o], list[j], j);
            items[o] = null;
            if (o < last) moved = true; else last = o;
          } else {
            next[j] = create(list[j], j, k);
            moved = true;
          }
        }
        for (i = s; i < oe; i++) if (items[i]) { items[i].el.remove(); drop(items[i]); }
        if (moved) {
          var stay = increasing(old);
          for (j = ne - 1; j >= s; j--) {
            var el = next[j].el;
            if (!stay[j - s]) container.insertBefore(el, anchor);
            anchor = el;
          }
        }
      }
      items = next;
      if (emptyEl) emptyEl.hidden = n > 0;
    });
  }
  // Which entries of seq (old positions, -1 for new) stand in the longest increasing run
  function increasing(seq) {
    var keep = new Array(seq.length).fill(false);
    var tails = [];
    var prev = new Array(seq.length);
    for (var i = 0; i < seq.length; i++) {
      var v = seq[i];
      if (v < 0) continue;
      var lo = 0, hi = tails.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (seq[tails[mid]] < v) lo = mid + 1; else hi = mid; }
      prev[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
    }
    for (var k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) keep[k] = true;
    return keep;
  }


  // Helpers for the features (templates/web/features/*.js, their own files after this one)
  R.u = { str: str, safeUrl: safeUrl, run: run, set: set,
          notify: function (key) { schedule(subs.get(key)); } };

  // ---- pages and routing ---------------------------------------------------------------
  R.href = function (pageId, params) {
    var page = R.app.pages[pageId];
    // A page without parameters has one address
    if (page.fixed === undefined) {
      page.fixed = page.segments.some(function (s) { return s.charAt(0) === ":"; }) ? null
        : "#/" + page.segments.join("/");
    }
    if (page.fixed !== null) return page.fixed;
    var parts = page.segments.map(function (s) {
      return s.charAt(0) === ":" ? encodeURIComponent(str(R.m(params, s.slice(1)))) : s;
    });
    return "#/" + parts.join("/");
  };
  // only-with: params: {" | params: {[
  function parseParam(raw, kind) {
    var text = decodeURIComponent(raw);
    if (kind === "integer") return /^-?\d+$/.test(text) ? Number(text) : undefined;
    if (kind === "number") return text !== "" && !isNaN(Number(text)) ? Number(text) : undefined;
    if (kind === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
    return text;
  }
  // end-only
  function match(path) {
    var parts = path.split("/").filter(Boolean);
    var ids = Object.keys(R.app.pages);
    for (var i = 0; i < ids.length; i++) {
      var page = R.app.pages[ids[i]];
      if (page.segments.length !== parts.length) continue;
      var params = Object.create(null);
      var ok = page.segments.every(function (s, j) {
        if (s.charAt(0) !== ":") return s === parts[j];
        var v;
        try { v = parseParam(parts[j], R.m(page.params, s.slice(1))); } catch (err) { v = undefined; }
        params[s.slice(1)] = v;
        return v !== undefined;
      });
      if (ok) return { id: ids[i], params: params };
    }
    return null;
  }

  var main = null;
  var pageScope = null;
  var root = new Scope(null);
  function route() {
    var hash = location.hash.replace(/^#/, "") || R.app.pages[R.app.start].path;
    var found = match(hash);
    if (pageScope) pageScope.dispose();
    main.textContent = "";
    pageScope = new Scope(root);
    if (!found) {
      var nf = h("section", "not-found", main);
      nf.setAttribute("data-testid", "not-found");
      h("h1", "heading", nf).textContent = "Page not found";
      var back = h("a", "link", nf);
      back.textContent = "Go to the start page";
      back.setAttribute("href", "#" + R.app.pages[R.app.start].path);
      document.title = "Page not found — " + R.app.name;
      return;
    }
    pageScope.p = found.params;
    var page = R.app.pages[found.id];
    var sc = pageScope;
    bindValue(sc, page.title, function (t) { document.title = str(t); });
    page.render(main, sc);
    navLinks.forEach(function (a) {
      if (a.getAttribute("data-page") === found.id) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    if (R.app.analytics && R.app.analytics.page_views) track("page_view", { page: found.id });
    run(sc, page.onLoad).catch(function () {});
    main.focus({ preventScroll: true });
  }

  var navLinks = [];
  var scrolls = Object.create(null);
  R.start = function (app) {
    R.app = app;
    initState();
    var body = document.body;
    if (app.nav.length) {
      var nav = h("nav", "nav", h("header", "header", body));
      nav.setAttribute("aria-label", "Main");
      app.nav.forEach(function (id) {
        var a = h("a", "nav-link", nav);
        a.setAttribute("href", "#" + app.pages[id].path);
        a.setAttribute("data-page", id);
        a.setAttribute("data-testid", "nav-" + id);
        a.textContent = app.pages[id].label;
      });
      navLinks = Array.prototype.slice.call(nav.querySelectorAll("a"));
    }
    main = h("main", "main", body);
    main.tabIndex = -1;
    onStart.forEach(function (f) { f(body); });
    // A new page starts at its top; back or forward to a page seen before returns to where
    // the reader was (the browser cannot restore it: the page is rendered afresh).
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    window.addEventListener("scroll", function () { scrolls[location.href] = window.scrollY; },
                            { passive: true });
    window.addEventListener("hashchange", function () {
      var y = scrolls[location.href] || 0;
      route();
      window.scrollTo(0, y);
    });
    route();
    if (R.startSources) R.startSources(root, restored);
  };

  // ---- components: the target puts here the files of templates/web/components/ the app uses
  global.AppForge = R;
})(window);
