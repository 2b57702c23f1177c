"""The expression language's tokenizer and parser: text -> a small untyped AST.

Hand-written (a Pratt parser) so that every node knows its character offsets, every error is
located to the column, and nothing is ever evaluated. The grammar, loosest first::

    expr    := or ("if" or "else" expr)?
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?      # no chains: a < b < c is an error
    sum     := product (("+"|"-") product)*
    product := unary (("*"|"/"|"%") unary)*
    unary   := "-" unary | postfix
    postfix := atom ("." NAME | "[" expr "]")*
    atom    := NUMBER | STRING | true | false | null | NAME | NAME "(" args ")" | "(" expr ")"
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from appforge.loader.yaml_loader import MAX_NUMBER_CHARS

MAX_EXPRESSION_LENGTH = 2_000
MAX_NESTING = 40
#: The deepest syntax tree an expression may have. Chains (``1+1+...``, ``a.b.c...``,
#: ``x[0][0]...``, ``a and b and ...``) are parsed in loops but make trees as deep as they
#: are long, and every later stage (type checker, deps, IR, both emitters) walks them
#: recursively: this bound, checked once here, is what keeps all of them far from Python's
#: recursion limit, so what validate accepts every target can build.
MAX_TREE_DEPTH = 64


class ParseError(Exception):
    def __init__(self, message: str, start: int, end: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num, str, name, op, end
    text: str
    start: int
    end: int
    value: object = None


@dataclass(frozen=True, slots=True)
class Node:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Lit(Node):
    value: object


@dataclass(frozen=True, slots=True)
class Name(Node):
    name: str


@dataclass(frozen=True, slots=True)
class Attr(Node):
    obj: Node
    name: str
    name_start: int


@dataclass(frozen=True, slots=True)
class Subscript(Node):
    obj: Node
    index: Node


@dataclass(frozen=True, slots=True)
class CallNode(Node):
    function: str
    args: tuple[Node, ...]
    name_end: int


@dataclass(frozen=True, slots=True)
class UnaryNode(Node):
    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class BinaryNode(Node):
    op: str
    left: Node
    right: Node
    op_start: int


@dataclass(frozen=True, slots=True)
class CondNode(Node):
    condition: Node
    then: Node
    otherwise: Node


_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(\.\d+)?([eE][-+]?\d+)?)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%<>().,\[\]!=])
""", re.VERBOSE)

_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"'}
KEYWORDS = {"and", "or", "not", "if", "else", "true", "false", "null"}
_JS_HINTS = {"&&": "use 'and'", "||": "use 'or'", "!": "use 'not'", "=": "use '==' to compare"}
_PYTHON_WORDS = {"True": "true", "False": "false", "None": "null", "nil": "null",
                 "undefined": "null", "in": "contains(list, x)", "lambda": None}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            ch = text[pos]
            hint = "strings are quoted with ' or \"" if ch in "`" else None
            if ch in "'\"":
                raise ParseError("unterminated string", pos, len(text),
                                 hint=f"close the string with {ch}")
            raise ParseError(f"unexpected character {ch!r}", pos, pos + 1, hint=hint)
        kind = m.lastgroup or ""
        start, end = m.span()
        pos = end
        if kind == "ws":
            continue
        raw = m.group()
        if kind == "op" and raw in _JS_HINTS:
            raise ParseError(f"unknown operator '{raw}'", start, end, hint=_JS_HINTS[raw])
        value: object = None
        if kind == "num":
            value = _number(raw, start, end)
        elif kind == "str":
            value = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(1)), raw[1:-1])
        tokens.append(Token(kind, raw, start, end, value))
    tokens.append(Token("end", "", len(text), len(text)))
    return tokens


def _number(raw: str, start: int, end: int) -> int | float:
    """A number literal that every target can write: finite as a JavaScript number.

    ``1e999`` would be ``inf`` (which no JSON or JavaScript literal can hold), and a literal
    of hundreds of digits is past a double's range (and, past 4,300 digits, past int()).
    """
    problem = ParseError(f"the number {raw[:20]}{'...' if len(raw) > 20 else ''} is too large",
                         start, end, hint="numbers must fit a JavaScript number (about "
                         "±1.8e308)")
    if len(raw) > MAX_NUMBER_CHARS:
        raise problem
    try:
        value = float(raw) if any(c in raw for c in ".eE") else int(raw)
        if not math.isfinite(float(value)):
            raise problem
    except OverflowError:
        raise problem from None
    return value


class Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_EXPRESSION_LENGTH:
            raise ParseError(f"expression is longer than {MAX_EXPRESSION_LENGTH} characters",
                             0, len(text), hint="move the logic into state or split it")
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def at(self, *texts: str) -> bool:
        tok = self.tok
        return tok.kind in ("op", "name") and tok.text in texts

    def expect(self, text: str, what: str) -> Token:
        if not self.at(text):
            tok = self.tok
            found = "the end of the expression" if tok.kind == "end" else f"'{tok.text}'"
            raise ParseError(f"expected {what}, found {found}", tok.start, max(tok.end,
                             tok.start + 1))
        return self.advance()

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ParseError("empty expression", 0, max(len(self.text), 1),
                             hint="write an expression between {{ and }}")
        node = self.expr()
        if self.tok.kind != "end":
            tok = self.tok
            hint = "chained comparisons are not supported; use 'and'" \
                if tok.text in ("==", "!=", "<", "<=", ">", ">=") else None
            raise ParseError(f"unexpected '{tok.text}'", tok.start, tok.end, hint=hint)
        _check_depth(node)
        return node

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ParseError("expression is nested too deeply", self.tok.start, self.tok.end)

    def expr(self) -> Node:
        self.nested()
        node = self.or_()
        if self.at("if"):
            self.advance()
            cond = self.or_()
            self.expect("else", "'else' after 'a if condition'")
            other = self.expr()
            node = CondNode(node.start, other.end, cond, node, other)
        self.depth -= 1
        return node

    def binary_level(self, ops: tuple[str, ...], nxt: str) -> Node:
        sub = getattr(self, nxt)
        node: Node = sub()
        while self.at(*ops):
            op = self.advance()
            right = sub()
            node = BinaryNode(node.start, right.end, op.text, node, right, op.start)
        return node

    def or_(self) -> Node:
        return self.binary_level(("or",), "and_")

    def and_(self) -> Node:
        return self.binary_level(("and",), "not_")

    def not_(self) -> Node:
        if self.at("not"):
            op = self.advance()
            self.nested()
            operand = self.not_()
            self.depth -= 1
            return UnaryNode(op.start, operand.end, "not", operand)
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.at("==", "!=", "<", "<=", ">", ">="):
            op = self.advance()
            right = self.sum()
            node = BinaryNode(node.start, right.end, op.text, node, right, op.start)
        return node

    def sum(self) -> Node:
        return self.binary_level(("+", "-"), "product")

    def product(self) -> Node:
        return self.binary_level(("*", "/", "%"), "unary")

    def unary(self) -> Node:
        if self.at("-"):
            op = self.advance()
            self.nested()
            operand = self.unary()
            self.depth -= 1
            return UnaryNode(op.start, operand.end, "-", operand)
        return self.postfix()

    def postfix(self) -> Node:
        node = self.atom()
        while True:
            if self.at("."):
                self.advance()
                tok = self.tok
                if tok.kind != "name":
                    raise ParseError("expected a field name after '.'", tok.start,
                                     max(tok.end, tok.start + 1))
                self.advance()
                node = Attr(node.start, tok.end, node, tok.text, tok.start)
            elif self.at("["):
                self.advance()
                self.nested()
                index = self.expr()
                self.depth -= 1
                close = self.expect("]", "']'")
                node = Subscript(node.start, close.end, node, index)
            else:
                return node

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind == "num" or tok.kind == "str":
            self.advance()
            return Lit(tok.start, tok.end, tok.value)
        if tok.kind == "name":
            self.advance()
            if tok.text in ("true", "false"):
                return Lit(tok.start, tok.end, tok.text == "true")
            if tok.text == "null":
                return Lit(tok.start, tok.end, None)
            if tok.text in KEYWORDS:
                raise ParseError(f"unexpected '{tok.text}'", tok.start, tok.end)
            if tok.text in _PYTHON_WORDS and not self.at("("):
                better = _PYTHON_WORDS[tok.text]
                raise ParseError(f"unknown name '{tok.text}'", tok.start, tok.end,
                                 hint=f"use {better}" if better else None)
            if self.at("("):
                self.advance()
                args: list[Node] = []
                if not self.at(")"):
                    while True:
                        self.nested()
                        args.append(self.expr())
                        self.depth -= 1
                        if not self.at(","):
                            break
                        self.advance()
                close = self.expect(")", "')' to close the call")
                return CallNode(tok.start, close.end, tok.text, tuple(args), tok.end)
            return Name(tok.start, tok.end, tok.text)
        if self.at("("):
            self.advance()
            self.nested()
            node = self.expr()
            self.depth -= 1
            self.expect(")", "')'")
            return node
        if tok.kind == "end":
            raise ParseError("the expression ends too early", tok.start, tok.start + 1)
        raise ParseError(f"unexpected '{tok.text}'", tok.start, tok.end)


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``."""
    if isinstance(node, BinaryNode):
        return (node.left, node.right)
    if isinstance(node, (Attr, UnaryNode)):
        return (node.obj,) if isinstance(node, Attr) else (node.operand,)
    if isinstance(node, Subscript):
        return (node.obj, node.index)
    if isinstance(node, CallNode):
        return node.args
    if isinstance(node, CondNode):
        return (node.then, node.condition, node.otherwise)
    return ()


def _check_depth(root: Node) -> None:
    """Refuse a tree deeper than MAX_TREE_DEPTH, walked without recursion."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise ParseError(
                f"expression is too deeply nested or too long a chain (more than "
                f"{MAX_TREE_DEPTH} levels)", node.start, node.end,
                hint="split it: compute parts in state, or use sum(), join() or where()")
        stack.extend((child, depth + 1) for child in children(node))


@lru_cache(maxsize=8192)
def parse_expression(text: str) -> Node:
    """Parse one expression (the text between ``{{`` and ``}}``). Raises :class:`ParseError`.

    Cached: ASTs are immutable and specs repeat expressions across pages.
    """
    return Parser(text).parse()


@dataclass(frozen=True, slots=True)
class TemplatePart:
    """A piece of a text value: literal text, or an expression with its offset in the text."""

    text: str
    offset: int
    is_expr: bool


def split_template(text: str) -> list[TemplatePart]:
    """Split ``"Hi {{ name }}!"`` into text and expression parts. Raises on a lone ``{{``."""
    parts: list[TemplatePart] = []
    pos = 0
    while True:
        start = text.find("{{", pos)
        if start < 0:
            if pos < len(text):
                parts.append(TemplatePart(text[pos:], pos, False))
            return parts
        end = text.find("}}", start + 2)
        if end < 0:
            raise ParseError("'{{' without a closing '}}'", start, start + 2,
                             hint="close the expression with }}")
        if start > pos:
            parts.append(TemplatePart(text[pos:start], pos, False))
        parts.append(TemplatePart(text[start + 2:end], start + 2, True))
        pos = end + 2
