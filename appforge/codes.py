"""Every diagnostic code, with a title and an explanation (``appforge explain CODE``).

Codes are stable: a code is never reused for another problem. They are grouped by stage:
E00xx reading files and YAML, E01xx validation against the language, E02xx names and
references, E03xx types, E04xx structure, Wxxxx warnings, E09xx build and output.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    title: str
    explanation: str


def _c(title: str, explanation: str) -> Code:
    return Code(title, explanation)


CODES: dict[str, Code] = {
    # ---- reading ------------------------------------------------------------------------
    "E0001": _c("file not found", "The project folder has no appforge.yaml, or a file could "
                "not be read. Pass the project folder or its appforge.yaml."),
    "E0002": _c("invalid YAML", "The file is not valid YAML. Common causes: tabs for "
                "indentation, a value containing ': ' that is not quoted, a value starting "
                "with {{ that is not quoted.\n\n    text: {{ state.count }}      # wrong\n"
                "    text: \"{{ state.count }}\"    # right"),
    "E0003": _c("duplicate key", "A mapping has the same key twice. YAML would silently keep "
                "the last one; appforge refuses, because one of them is a mistake."),
    "E0004": _c("alias problem", "An alias (*name) is unknown, refers to the node that "
                "contains it, or the aliases expand to far more nodes than the file holds "
                "(an 'alias bomb'). Specs rarely need anchors; write the value out."),
    "E0005": _c("nesting too deep", "The YAML is nested more than 64 levels deep. No spec "
                "needs this; look for runaway brackets."),
    "E0006": _c("file too large", "A spec file is larger than 8 MB or holds more than two "
                "million nodes, or a project includes more than 5,000 files. Split the spec."),
    "E0007": _c("not UTF-8 text", "Spec files are UTF-8 text. Save the file as UTF-8."),
    "E0008": _c("empty spec", "appforge.yaml is empty. A spec starts with:\n\n"
                "    appforge: 1\n    app: {name: Tasks, id: com.example.tasks}\n"
                "    pages:\n      - id: home\n        body: []"),
    "E0009": _c("top level is not a mapping", "A spec file's top level is a mapping of "
                "sections (app, models, state, data, pages), not a list or a text."),
    "E0010": _c("invalid include", "`include` is a list of file globs relative to the "
                "including file, e.g. include: [pages/*.yaml]."),
    "E0011": _c("include leaves the project", "Included files must be inside the project "
                "folder; absolute paths and ../ that leave it are refused."),
    "E0012": _c("include matches nothing", "An include glob matched no file. Globs are "
                "relative to the file that includes them."),
    "E0013": _c("number out of range", "A number must be one every target can hold: a "
                "finite JavaScript number (at most about 1.8e308). .inf, .nan, 1e999 and "
                "integers with hundreds of digits are refused. Quote the value if it is meant "
                "as text: code: '0099...'."),
    "E0014": _c("more errors not shown", "A file (or the project) had more problems than are "
                "worth reading at once: the first 200 per file and 1,000 in all are shown, then "
                "this count. Fix those first; the rest are often the same mistake repeated."),
    "E0015": _c("pattern not accepted", "A field's `pattern` must mean the same in the web "
                "app, the mobile app (both JavaScript RegExp) and the compiler, and must never "
                "take exponential time. Accepted: ^ $ . [...] [^...] (...) (?:...) (?=...) "
                "(?!...) | * + ? {n} {n,} {n,m}, the escapes \\d \\w \\s \\b (and their "
                "capitals), \\n \\t \\xhh \\uhhhh and escaped punctuation. Refused, with "
                "the portable spelling: \\A and \\Z (use ^ and $), (?P<name>...) and "
                "(?<name>...) (use (...)), inline flags like (?i) (use [Aa]), possessive and "
                "atomic forms, lookbehind, backreferences, \\p{...}. Also refused: a "
                "repetition of something that repeats, like ^(a+)+$ or (.*a){20}, repeated "
                "alternatives that overlap, like (a|aa)+, and chains like \\d*\\d*\\d*: "
                "on a text that does not match, their time explodes.\n\n"
                "    pattern: \"^([a-z]+\\\\.?)*$\"   # wrong: a repetition inside a repetition\n"
                "    pattern: \"^[a-z.]*$\"          # right"),
    # ---- validation ---------------------------------------------------------------------
    "E0100": _c("invalid value", "A value does not fit the language (see the message)."),
    "E0101": _c("missing required key", "A required key is missing, e.g. a button without "
                "`label` or an image without `alt`."),
    "E0102": _c("unknown key", "A key is not part of the language at this place. Unknown keys "
                "are errors so that typos never pass silently. `appforge components` lists "
                "each component's keys."),
    "E0103": _c("wrong type", "A key has a value of the wrong kind, e.g. a list where text is "
                "expected. Quote numbers that are meant as text: version: '1.10'."),
    "E0104": _c("invalid choice", "A key only takes certain values, e.g. a button's variant "
                "is primary, secondary or danger."),
    "E0105": _c("unknown component, action or source kind", "The `type` of a component, the "
                "`action` of an action or the `kind` of a data source is not known."),
    "E0106": _c("invalid format", "A value does not have the required form: ids are letters, "
                "digits, - and _; colours are #rgb or #rrggbb; app ids are reverse-DNS "
                "(com.example.app); versions are semver; patterns are regular expressions."),
    "E0107": _c("out of range", "A number or a length is outside the allowed range, e.g. a "
                "heading level outside 1–6."),
    "E0110": _c("defined twice", "A page, model, state key or data source is defined twice, "
                "possibly in two files. Both places are named."),
    "E0111": _c("not supported by a target", "A component, action or data source kind (from a "
                "plugin, usually) has no implementation for one of the targets being built or "
                "validated. Build only the targets that support it (`--target web`), or "
                "install a plugin version that implements it for that target."),
    "E0112": _c("component name taken", "A component written under `components:` has the "
                "name of a registered component (built-in or plugin) or `slot`, or one of its "
                "props, events and slots is named type, id or visible (every use has those) "
                "or shares its name with another of them. A use writes them all as keys:\n\n"
                "    components:\n      rating_row:          # not `row`: that is built in\n"
                "        props: {label: string}\n        events: {on_rate: {}}"),
    # ---- names and references -----------------------------------------------------------
    "E0200": _c("invalid expression", "An expression between {{ and }} does not parse. "
                "Expressions use and/or/not, ==, !=, <, +, -, *, /, %, `a if c else b`, "
                "member access and the built-in functions."),
    "E0201": _c("unknown name", "An expression names something that does not exist here. "
                "Names are state.<key>, env.<NAME>, params.<name>, data.<source>.loading/"
                "error, form.values (in on_submit), event.value (in on_change) and loop "
                "variables (in a list's item)."),
    "E0202": _c("unknown field", "A record has no such field, or a value that is not a record "
                "is used with '.field'."),
    "E0203": _c("unknown state key", "state.<key> names a key that is not declared under "
                "`state:`.\n\n    state:\n      tasks: {type: list, of: Task, default: []}"),
    "E0204": _c("unknown env setting", "env.<NAME> (or --env NAME=...) names a setting not "
                "declared under app.env."),
    "E0205": _c("unknown page parameter", "params.<name> names a parameter the page does not "
                "declare in `params`."),
    "E0206": _c("unknown data source", "A fetch or data.<source> names a source that is not "
                "declared under `data:` (or a static source is fetched)."),
    "E0207": _c("unknown page", "A link, navigate, nav or start names a page id that does "
                "not exist."),
    "E0208": _c("not available here", "form.values exists only in a form's on_submit, "
                "event.value only in on_change and params only on a page."),
    "E0209": _c("unknown function", "The expression calls a function that does not exist. "
                "Functions: len, upper, lower, trim, str, number, round, contains, join, sum, "
                "where, now, today."),
    "E0210": _c("unknown model", "A form names a model that is not declared under `models:`."),
    "E0211": _c("unknown type", "A type is one of string, number, integer, boolean, date, "
                "email, url, enum (with values), list (with of), or a model name."),
    "E0212": _c("unknown icon", "A page's `icon` (its tab's icon in the mobile app) names a "
                "glyph of Ionicons, the icon family the Expo SDK bundles (@expo/vector-icons): "
                "browse them at https://icons.expo.fyi (family Ionicons), e.g.\n\n"
                "    icon: home-outline\n\nAn `-outline` icon shows its filled form while its "
                "tab is selected."),
    # ---- types --------------------------------------------------------------------------
    "E0213": _c("unknown computed value", "computed.<name> names a value that is not declared "
                "under `computed:`. Declare it once, e.g.\n\n    computed:\n      open_count: "
                "\"{{ len(where(state.tasks, 'done', false)) }}\"\n\nand read it anywhere as "
                "{{ computed.open_count }}."),
    "E0300": _c("type mismatch", "A value's type does not fit where it is used: a `visible` "
                "that is not boolean, a text assigned to a number, a bind of the wrong type."),
    "E0301": _c("operator type error", "An operator is used on values it does not apply to, "
                "e.g. 'not' on a number, '-' on text, '<' between text and a number."),
    "E0302": _c("function arguments", "A function got the wrong number or kind of arguments. "
                "The message shows its usage."),
    "E0303": _c("comparison is never true", "Two values of types that can never be equal are "
                "compared, or an enum is compared with a value it does not have."),
    "E0304": _c("default does not fit", "A default value does not match its type or its "
                "field's rules (min, max, lengths, pattern)."),
    # ---- structure ----------------------------------------------------------------------
    "E0400": _c("not assignable", "A bind or an action target must be a state key, or a "
                "field of a loop variable whose list is a state list (or where() over one)."),
    "E0401": _c("duplicate id", "Two components on one page have the same id. Ids are test "
                "hooks (data-testid / testID) and must be unique, except inside list items."),
    "E0402": _c("path and params disagree", "Every :name in a page's path must be declared in "
                "its `params`, and every declared param must appear in the path."),
    "E0403": _c("page parameters", "A link or navigate gives parameters the page does not "
                "take, or leaves out one it needs."),
    "E0404": _c("unknown form field", "A form's `fields` lists a field its model does not "
                "have."),
    "E0405": _c("no pages", "An app needs at least one page."),
    "E0406": _c("invalid nav or start", "app.nav and app.start name pages that exist and take "
                "no parameters."),
    "E0407": _c("data source problem", "A data source's `into` must name a state key whose "
                "type fits the data; GET and DELETE requests have no body."),
    "E0408": _c("file problem", "A static data file or image does not exist, is outside the "
                "project, or is not valid JSON. Images are https URLs or files under assets/."),
    "E0409": _c("unsafe URL", "Only http, https, mailto and tel URLs are allowed (https and "
                "http for images and data sources). javascript: and data: URLs are refused."),
    "E0410": _c("duplicate path", "Two pages have the same route."),
    "E0411": _c("component contains itself", "A component written under `components:` "
                "uses itself, directly or through other components, so it would never end. "
                "Both ends are named in the message (a -> b -> a). Pass the part that repeats "
                "in through a slot, or repeat it with a list."),
    "E0412": _c("only in a component's body", "`{type: slot}` and `{action: emit}` belong "
                "to the body of a component written under `components:`: a slot places the "
                "components a use gives, emit runs the actions a use gives for an event. "
                "On a page, write the components or actions directly."),
    "E0413": _c("unknown prop, slot or event", "A component's body reads props.<name>, "
                "places {type: slot, name: <name>} or emits an event its definition does not "
                "declare. Declare it under the component's `props`, `slots` or `events`:\n\n"
                "    components:\n      rating_row:\n        props: {label: string}\n"
                "        slots: {children: {}}\n        events: {on_rate: {}}"),
    "E0414": _c("components expand too far", "The components written in the spec expand to "
                "more than 50,000 components: a component that uses another several times, "
                "which uses another several times, grows exponentially. Repeat with a list."),
    "E0415": _c("computed values in a cycle", "Computed values read each other in a circle "
                "(a reads b, b reads a), so none of them has a value. Compute one of them from "
                "state or data instead."),
    "E0416": _c("tabs hold tab components", "Each child of `tabs` is a `tab` with a label and "
                "its own children, e.g.\n\n    - type: tabs\n      children:\n        - type: tab\n"
                "          label: List\n          children: [...]"),
    # ---- journeys (appforge test) -------------------------------------------------------
    "E0600": _c("invalid journey file", "A journey file (tests/*.journey.yaml) does not fit the "
                "format: `journeys:` is a list of {name, steps}, and a step is a mapping with one "
                "key, its kind (`press: add`), or a bare `back` / `reload`. docs/testing.md lists "
                "every step; specs/journey.schema.json is the schema."),
    "E0601": _c("journey names an unknown page", "An `open:` or `expect_page:` step names a "
                "page the spec does not define. Use the page's `id`."),
    "E0602": _c("journey names an unknown id", "A step names an element id no component has. "
                "Ids are the spec's `id:` keys; a list or table adds `<id>-item` per row, a form "
                "`<id>-<field>`, `<id>-<field>-error` and `<id>-submit`, the nav `nav-<page>`. "
                "`id[n]` picks the n-th of the elements sharing an id."),
    "E0603": _c("id not on the page the step runs on", "The element exists, but on another "
                "page than the one showing at that step. Open its page first, or press the "
                "link that leads there."),
    "E0604": _c("wrong page parameters", "An `open:` step gives a parameter the page does "
                "not declare, misses one it needs, or gives a value of the wrong type:\n\n"
                "    - open: {page: quote, params: {index: 7}}"),
    "E0605": _c("journey names an unknown data source", "A `mock:` or `wait_for:` step "
                "names a source the spec's `data:` does not define, or mocks a static source "
                "(which makes no request)."),
    "E0606": _c("step does not fit the element", "A step acts on an element of another kind: "
                "`type:` needs an input, `select:` a select, `check:` a checkbox or switch, "
                "`pick_date:` a date input, `press:` a button, link, nav entry or submit."),
    "E0607": _c("not supported by this spec", "The step needs something the spec does not "
                "declare: `as_role:` needs auth, which the language does not have yet."),
    # ---- build --------------------------------------------------------------------------
    "E0900": _c("build failed", "The target could not render or write the app; the previous "
                "build is left intact. The message says why."),
    "E0901": _c("output differs", "`appforge build --check` found generated files that differ "
                "from a fresh build. Rebuild and commit the output."),
    # ---- warnings -----------------------------------------------------------------------
    "W0001": _c("empty included file", "An included file is empty."),
    "W0101": _c("unused state", "A state key is never read or bound. Remove it or use it."),
    "W0102": _c("unreachable page", "No link, navigate, nav entry or start leads to a page."),
    "W0103": _c("low contrast", "A text/background colour pair of the theme is below WCAG AA "
                "contrast (4.5:1), so text is hard to read."),
    "W0104": _c("unused computed value", "A computed value is never read. Remove it or use "
                "it as computed.<name>."),
}
