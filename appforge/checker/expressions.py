"""Type-check expressions against a scope and produce typed IR expressions with their deps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from appforge import ir
from appforge.checker import parser as p
from appforge.checker.fold import fold
from appforge.checker.types import comparable, literal_type, unify
from appforge.diagnostics import Diagnostic, SourceSpan, did_you_mean, one_of
from appforge.ir import ANY, BOOLEAN, INTEGER, NUMBER, STRING, Type
from appforge.kinds.function import functions
from appforge.kinds.values import to_str
from appforge.loader.yaml_loader import ScalarInfo

ROOT_NAMES = ("state", "env", "params", "data", "form", "event", "computed")


@dataclass(frozen=True)
class Scope:
    """What an expression may read at one place in the spec."""

    state: Mapping[str, Type]
    models: Mapping[str, Mapping[str, Type]]
    data: frozenset[str]
    env: Mapping[str, str]
    params: Mapping[str, Type] | None = None
    loops: Mapping[str, ir.LoopVar] = field(default_factory=dict)
    form: Type | None = None
    event: Type | None = None
    #: Inside a spec component's body: its props (``props.<name>``) and the expansion it is
    #: part of (a :class:`appforge.checker.composites.Frame`).
    props: Mapping[str, ir.Value] | None = None
    frame: Any = None
    #: The app's computed values (checked, or checked when first read while the definitions
    #: themselves are checked) and where reads of them are noted (for the unused warning).
    computed: Mapping[str, ir.Value] = field(default_factory=dict)
    computed_reads: set[str] | None = None

    def with_loop(self, var: ir.LoopVar) -> Scope:
        return replace(self, loops={**self.loops, var.name: var, "index": _index_var(var)})

    def names(self) -> list[str]:
        names = [n for n in ROOT_NAMES]
        if self.props is not None:
            names.append("props")
        names.extend(self.loops)
        return names


def _index_var(var: ir.LoopVar) -> ir.LoopVar:
    return ir.LoopVar("index", var.index_symbol, INTEGER, var.index_symbol, None)


class Located:
    """Maps character offsets in a scalar's text to spans in the file.

    ``info`` may be a callable that finds the scalar's details only when a column is needed:
    most text is plain and needs only ``span``.
    """

    __slots__ = ("_base", "_info", "offset", "span")

    def __init__(self, span: SourceSpan,
                 info: ScalarInfo | Callable[[], ScalarInfo | None] | None,
                 offset: int = 0) -> None:
        self.span = span
        self._info = info
        self.offset = offset
        self._base: int | None = None

    @property
    def info(self) -> ScalarInfo | None:
        if callable(self._info):
            self._info = self._info()
        return self._info

    def at(self, start: int, end: int) -> SourceSpan:
        if self._base is None:
            # The column of character 0, when the text is in the file exactly as it reads.
            info = self.info
            self._base = info.value_column + self.offset if info is not None and info.exact \
                else -1
        if self._base < 0:
            return self.span
        column = self._base + start
        span = self.span
        return SourceSpan(span.file, span.line, column, span.line,
                          column + (end - start if end > start else 1))

    def shifted(self, offset: int) -> Located:
        return Located(self.span, lambda: self.info, self.offset + offset)


class ExpressionChecker:
    """Checks expressions in one scope, collecting diagnostics and deps."""

    def __init__(self, scope: Scope, diags: list[Diagnostic]) -> None:
        self.scope = scope
        self.diags = diags

    # ---- entry points ---------------------------------------------------------------------

    def text(self, value: str, where: Located) -> ir.Value:
        """A text value: literal, one expression (keeps its type) or a template (string)."""
        if "{{" not in value:  # fast path: plain text, most values
            return ir.Value(ir.Literal_(value, STRING, where.span), _NO_DEPS)
        deps: set[str] = set()
        try:
            parts = p.split_template(value)
        except p.ParseError as exc:
            self._error("E0200", exc.message, where.at(exc.start, exc.end), exc.hint)
            return ir.Value(ir.Literal_(value, STRING, where.span), frozenset())
        exprs = [part for part in parts if part.is_expr]
        if not exprs:
            return ir.Value(ir.Literal_(value, STRING, where.span), frozenset())
        if len(parts) == 1:
            expr = self._parse_and_check(parts[0].text, where.shifted(parts[0].offset), deps)
            return ir.Value(expr, frozenset(deps))
        out: list[str | ir.Expr] = []
        for part in parts:
            piece: str | ir.Expr = part.text
            if part.is_expr:
                piece = self._parse_and_check(part.text, where.shifted(part.offset), deps)
                # Constants (env settings, literals, calls on them) are folded into the text,
                # so a URL like "{{ env.API_URL }}/quotes" is known at build time (its origin
                # goes to the CSP).
                if isinstance(piece, ir.Literal_) and not isinstance(piece.value, (list, dict)):
                    piece = to_str(piece.value)
            if isinstance(piece, str) and out and isinstance(out[-1], str):
                out[-1] += piece
            else:
                out.append(piece)
        if len(out) == 1 and isinstance(out[0], str):
            return ir.Value(ir.Literal_(out[0], STRING, where.span), frozenset(deps))
        return ir.Value(ir.Template(tuple(out), STRING, where.span), frozenset(deps))

    def value(self, value: Any, where: Located, expected: str = "any") -> ir.Value:
        """A literal or an expression string, checked against an expected kind."""
        result = self.text(value, where) if isinstance(value, str) else \
            ir.Value(ir.Literal_(value, literal_type(value), where.span), frozenset())
        self.expect(result, expected, where.span)
        return result

    def expect(self, value: ir.Value, expected: str, span: SourceSpan) -> None:
        t = value.type
        if expected == "any" or t.kind in ("any", "null"):
            return
        ok = {
            "boolean": t.kind == "boolean",
            "list": t.kind == "list",
            "number": t.is_number,
            "string": t.is_string,
        }.get(expected, True)
        if not ok:
            noun = {"boolean": "true or false", "list": "a list", "number": "a number",
                    "string": "text"}[expected]
            hint = None
            if isinstance(value.expr, ir.Template) and expected != "string":
                hint = "text around {{ }} makes the value text; write only the expression"
            self._error("E0300", f"expected {noun}, but this is {t}", value.span, hint)

    # ---- parsing and checking -------------------------------------------------------------

    def _parse_and_check(self, text: str, where: Located, deps: set[str]) -> ir.Expr:
        try:
            node = p.parse_expression(text)
        except p.ParseError as exc:
            self._error("E0200", f"invalid expression: {exc.message}",
                        where.at(exc.start, exc.end), exc.hint)
            return ir.Literal_(None, ANY, where.span)
        return self.check(node, where, deps)

    def check(self, node: p.Node, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        if isinstance(node, p.Lit):
            return ir.Literal_(node.value, literal_type(node.value), span)
        if isinstance(node, p.Name):
            return self._name(node, where, deps)
        if isinstance(node, p.Attr):
            return self._attr(node, where, deps)
        if isinstance(node, p.Subscript):
            return self._subscript(node, where, deps)
        if isinstance(node, p.CallNode):
            return fold(self._call(node, where, deps))
        if isinstance(node, p.UnaryNode):
            operand = self.check(node.operand, where, deps)
            t = operand.type
            if node.op == "not":
                if t.kind not in ("boolean", "any"):
                    self._error("E0301", f"'not' needs true or false, but this is {t}",
                                operand.span)
                return fold(ir.Unary("not", operand, BOOLEAN, span))
            if not (t.is_number or t.kind == "any"):
                self._error("E0301", f"'-' needs a number, but this is {t}", operand.span)
            return fold(ir.Unary("-", operand, t if t.is_number else NUMBER, span))
        if isinstance(node, p.BinaryNode):
            return fold(self._binary(node, where, deps))
        if isinstance(node, p.CondNode):
            cond = self.check(node.condition, where, deps)
            if cond.type.kind not in ("boolean", "any"):
                self._error("E0301", f"the condition must be true or false, but this is "
                            f"{cond.type}", cond.span)
            then = self.check(node.then, where, deps)
            other = self.check(node.otherwise, where, deps)
            unified = unify(then.type, other.type)
            if unified is None:
                self._error("E0301", f"both branches must have one type: {then.type} and "
                            f"{other.type}", span)
            return fold(ir.Conditional(cond, then, other, unified or ANY, span))
        raise AssertionError(f"unhandled node {node!r}")  # pragma: no cover

    def _name(self, node: p.Name, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        var = self.scope.loops.get(node.name)
        if var is not None:
            deps.add(f"loop.{var.symbol}")  # the symbol: a body may reuse the name
            return ir.Ref("loop", var.name, var.type, span, symbol=var.symbol)
        if node.name == "props" and self.scope.props is not None:
            self._error("E0201", "'props' is not a value on its own", span,
                        "write props.<name>")
            return ir.Literal_(None, ANY, span)
        if node.name in ROOT_NAMES:
            example = {"state": "state.<key>", "env": "env.<NAME>", "params": "params.<name>",
                       "data": "data.<source>.loading", "form": "form.values",
                       "computed": "computed.<name>",
                       "event": "event.value"}[node.name]
            self._error("E0201", f"'{node.name}' is not a value on its own", span,
                        f"write {example}")
            return ir.Literal_(None, ANY, span)
        if node.name in functions():
            self._error("E0201", f"'{node.name}' is a function", span,
                        f"call it: {functions()[node.name].signature}")
            return ir.Literal_(None, ANY, span)
        hint = did_you_mean(node.name, self.scope.names())
        if hint is None and node.name in self.scope.state:
            hint = f"did you mean 'state.{node.name}'?"
        self._error("E0201", f"unknown name '{node.name}'", span,
                    hint or one_of(self.scope.names()))
        return ir.Literal_(None, ANY, span)

    def _attr(self, node: p.Attr, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        name_span = where.at(node.name_start, node.end)
        obj = node.obj
        if isinstance(obj, p.Name) and obj.name in ROOT_NAMES and obj.name not in self.scope.loops:
            return self._root_member(obj.name, node.name, span, name_span, deps)
        if isinstance(obj, p.Name) and obj.name == "props" and self.scope.props is not None \
                and "props" not in self.scope.loops:
            return self._prop(node.name, span, name_span, deps)
        if isinstance(obj, p.Attr) and isinstance(obj.obj, p.Name) and obj.obj.name == "data" \
                and "data" not in self.scope.loops:
            source = self._root_member("data", obj.name, where.at(obj.start, obj.end),
                                       where.at(obj.name_start, obj.end), deps)
            if isinstance(source, ir.Literal_):  # already reported: an unknown source
                return source
            if node.name == "loading":
                return ir.Member(source, "loading", BOOLEAN, span)
            if node.name == "error":
                return ir.Member(source, "error", STRING, span)
            self._error("E0202", f"a data source has no field '{node.name}'", name_span,
                        did_you_mean(node.name, ["loading", "error"]) or
                        "use data.<source>.loading or data.<source>.error")
            return ir.Literal_(None, ANY, span)
        target = self.check(obj, where, deps)
        t = target.type
        if t.kind == "any":
            return ir.Member(target, node.name, ANY, span)
        if t.kind != "record":
            hint = "use len(x) for the length" if node.name in ("length", "size", "count") \
                else None
            self._error("E0202", f"{t} has no field '{node.name}'", name_span, hint)
            return ir.Literal_(None, ANY, span)
        fields = self.scope.models.get(t.model or "", {})
        if node.name not in fields:
            self._error("E0202", f"{t.model} has no field '{node.name}'", name_span,
                        did_you_mean(node.name, fields) or one_of(fields))
            return ir.Literal_(None, ANY, span)
        return ir.Member(target, node.name, fields[node.name], span)

    def _root_member(self, root: str, name: str, span: SourceSpan, name_span: SourceSpan,
                     deps: set[str]) -> ir.Expr:
        s = self.scope
        if root == "state":
            if name not in s.state:
                self._error("E0203", f"unknown state key '{name}'", name_span,
                            did_you_mean(name, s.state) or one_of(s.state))
                return ir.Literal_(None, ANY, span)
            deps.add(f"state.{name}")
            return ir.Ref("state", name, s.state[name], span)
        if root == "env":
            if name not in s.env:
                self._error("E0204", f"unknown env setting '{name}'", name_span,
                            did_you_mean(name, s.env) or "declare it under app.env")
                return ir.Literal_(None, ANY, span)
            return ir.Literal_(s.env[name], STRING, span)
        if root == "computed":
            if name not in s.computed:
                self._error("E0213", f"unknown computed value '{name}'", name_span,
                            did_you_mean(name, s.computed) or
                            (one_of(s.computed) if s.computed else
                             "declare it under `computed:`, e.g. computed: {total: "
                             "\"{{ sum(state.items, 'price') }}\"}"))
                return ir.Literal_(None, ANY, span)
            value = s.computed[name]
            if s.computed_reads is not None:
                s.computed_reads.add(name)
            # Inlined: the value's own deps make each use re-evaluate when what it reads
            # changes, as if the expression were written there.
            deps.update(value.deps)
            return value.expr
        if root == "params":
            if s.params is None:
                self._error("E0208", "params are only available on a page", span)
                return ir.Literal_(None, ANY, span)
            if name not in s.params:
                self._error("E0205", f"this page has no parameter '{name}'", name_span,
                            did_you_mean(name, s.params) or
                            "declare it in the page's `params` and `path`")
                return ir.Literal_(None, ANY, span)
            deps.add(f"params.{name}")
            return ir.Ref("params", name, s.params[name], span)
        if root == "data":
            if name not in s.data:
                self._error("E0206", f"unknown data source '{name}'", name_span,
                            did_you_mean(name, s.data) or one_of(s.data))
                return ir.Literal_(None, ANY, span)
            deps.add(f"data.{name}")
            return ir.Ref("data", name, ANY, span)
        if root == "form":
            if s.form is None:
                self._error("E0208", "form.values is only available in a form's on_submit",
                            span)
                return ir.Literal_(None, ANY, span)
            if name != "values":
                self._error("E0202", f"form has no field '{name}'", name_span,
                            "use form.values.<field>")
                return ir.Literal_(None, ANY, span)
            deps.add("form")
            return ir.Ref("form", "values", s.form, span)
        # event
        if s.event is None:
            self._error("E0208", "event.value is only available in on_change", span)
            return ir.Literal_(None, ANY, span)
        if name != "value":
            self._error("E0202", f"event has no field '{name}'", name_span, "use event.value")
            return ir.Literal_(None, ANY, span)
        deps.add("event")
        return ir.Ref("event", "value", s.event, span)

    def _prop(self, name: str, span: SourceSpan, name_span: SourceSpan,
              deps: set[str]) -> ir.Expr:
        """``props.<name>`` in a spec component's body: the value the use gave, checked where
        the use is (its own deps and loop variables), so the body reads it at no extra cost."""
        props = self.scope.props or {}
        value = props.get(name)
        if value is None:
            self._error("E0413", f"this component has no prop '{name}'", name_span,
                        did_you_mean(name, props) or
                        (one_of(props) if props else "declare it under the component's `props`"))
            return ir.Literal_(None, ANY, span)
        deps.update(value.deps)
        return value.expr

    def _subscript(self, node: p.Subscript, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        obj = self.check(node.obj, where, deps)
        index = self.check(node.index, where, deps)
        if obj.type.kind == "any":
            return ir.Index(obj, index, ANY, span)
        if obj.type.kind != "list":
            self._error("E0301", f"only lists can be indexed, but this is {obj.type}",
                        obj.span)
            return ir.Literal_(None, ANY, span)
        if index.type.kind not in ("integer", "any"):
            self._error("E0301", f"a list index must be a whole number, not {index.type}",
                        index.span)
        return ir.Index(obj, index, obj.type.of or ANY, span)

    def _call(self, node: p.CallNode, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        kinds = functions()
        fn = kinds.get(node.function)
        if fn is None:
            self._error("E0209", f"unknown function '{node.function}'",
                        where.at(node.start, node.name_end),
                        did_you_mean(node.function, kinds) or one_of(kinds))
            for arg in node.args:
                self.check(arg, where, deps)
            return ir.Literal_(None, ANY, span)
        args = [self.check(arg, where, deps) for arg in node.args]
        if not fn.min_args <= len(args) <= fn.max_args:
            want = str(fn.min_args) if fn.min_args == fn.max_args else \
                f"{fn.min_args} to {fn.max_args}"
            self._error("E0302", f"{fn.name}() takes {want} argument"
                        f"{'s' if fn.max_args != 1 else ''}, got {len(args)}", span,
                        f"usage: {fn.signature}")
            return ir.Literal_(None, ANY, span)
        literals = [a.value if isinstance(a, ir.Literal_) else _NOT_LITERAL for a in args]
        result = fn.check([a.type for a in args], literals, self.scope.models)
        if isinstance(result, str):
            self._error("E0302", f"{fn.name}() {result}", span, f"usage: {fn.signature}")
            return ir.Call(fn.name, tuple(args), ANY, span)
        return ir.Call(fn.name, tuple(args), result, span)

    def _binary(self, node: p.BinaryNode, where: Located, deps: set[str]) -> ir.Expr:
        span = where.at(node.start, node.end)
        left = self.check(node.left, where, deps)
        right = self.check(node.right, where, deps)
        a, b = left.type, right.type
        op = node.op
        unknown = "any" in (a.kind, b.kind)
        if op in ("and", "or"):
            for side in (left, right):
                if side.type.kind not in ("boolean", "any"):
                    self._error("E0301", f"'{op}' needs true or false on both sides, but this "
                                f"is {side.type}", side.span)
            return ir.Binary(op, left, right, BOOLEAN, span)  # type: ignore[arg-type]
        if op in ("==", "!="):
            if not comparable(a, b):
                self._error("E0303", f"comparing {a} with {b} is never equal", span,
                            "convert one side with str() or number()")
            self._check_enum_literal(left, right)
            self._check_enum_literal(right, left)
            return ir.Binary(op, left, right, BOOLEAN, span)  # type: ignore[arg-type]
        if op in ("<", "<=", ">", ">="):
            if not unknown and not ((a.is_number and b.is_number) or
                                    (a.is_string and b.is_string)):
                self._error("E0301", f"'{op}' compares two numbers or two texts, not {a} and "
                            f"{b}", span)
            return ir.Binary(op, left, right, BOOLEAN, span)  # type: ignore[arg-type]
        if op == "+" and (a.is_string or b.is_string):
            return ir.Binary("+", left, right, STRING, span)
        if unknown:
            return ir.Binary(op, left, right, ANY if op == "+" else NUMBER, span)  # type: ignore[arg-type]
        if not (a.is_number and b.is_number):
            self._error("E0301", f"'{op}' needs numbers, not {a} and {b}", span,
                        "join texts with + or a template: \"{{ a }} {{ b }}\"" if op == "+"
                        else None)
            return ir.Binary(op, left, right, ANY, span)  # type: ignore[arg-type]
        t = INTEGER if a.kind == b.kind == "integer" and op != "/" else NUMBER
        return ir.Binary(op, left, right, t, span)  # type: ignore[arg-type]

    def _check_enum_literal(self, side: ir.Expr, other: ir.Expr) -> None:
        if side.type.kind == "enum" and isinstance(other, ir.Literal_) and \
                isinstance(other.value, str) and other.value not in side.type.values:
            self._error("E0303", f"'{other.value}' is not a value of {side.type}", other.span,
                        did_you_mean(other.value, side.type.values) or
                        one_of(side.type.values))

    def _error(self, code: str, message: str, span: SourceSpan, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(code, message, span, hint=hint))


_NO_DEPS: frozenset[str] = frozenset()


class _NotLiteral:
    def __repr__(self) -> str:
        return "<not a literal>"


_NOT_LITERAL = _NotLiteral()
