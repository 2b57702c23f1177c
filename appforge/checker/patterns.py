"""Field patterns: one meaning on every target, and never a hang.

A ``pattern:`` is untrusted text that three engines read: JavaScript's RegExp in the web app
and in the Expo app, and this compiler when it checks a default. So a pattern is accepted only
in the syntax the engines share (Python's ``(?P<name>...)``, ``\\A``, ``\\Z``, inline flags,
possessive and atomic forms, JavaScript's ``\\cX``, ``(?<name>...)``, lookbehind, ... are
refused with the portable spelling), and only in shapes a backtracking engine runs in
polynomial time: no repetition of something that itself repeats (``(a+)+``, ``(.*a){20}``),
no repetition of alternatives that can match the same text (``(a|aa)+``), no backreferences.

Defaults are checked here with JavaScript's meaning (``\\d`` is [0-9], ``$`` is the very end,
``.`` stops at line terminators, strings are UTF-16 code units) by a set-of-states simulation
(Thompson's construction): time linear in the default's length times the pattern's size,
whatever the pattern, rather than Python's backtracking ``re``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from appforge.checker.parser import ParseError

MAX_PATTERN_LENGTH = 1_000
MAX_GROUP_DEPTH = 32
MAX_COUNT = 1_000
#: The largest program a pattern may expand to (``{n,m}`` copies its operand).
MAX_PROGRAM = 20_000

# JavaScript's \s: WhiteSpace and LineTerminator of ECMA-262.
_JS_SPACE = frozenset("\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                      "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
_LINE_END = frozenset("\n\r\u2028\u2029")
_DIGIT = frozenset("0123456789")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_CLASS_ESCAPES = {"d": (_DIGIT, False), "D": (_DIGIT, True), "w": (_WORD, False),
                  "W": (_WORD, True), "s": (_JS_SPACE, False), "S": (_JS_SPACE, True)}
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_SYNTAX = frozenset("^$\\.*+?()[]{}|/-")
_PORTABLE_HINTS = {
    "A": "use ^ for the start of the text", "Z": "use $ for the end of the text",
    "z": "use $ for the end of the text", "G": None, "Q": "escape each character instead",
    "E": "escape each character instead", "p": "list the characters in a class, e.g. [a-zà-ÿ]",
    "P": "list the characters in a class, e.g. [^a-z]", "k": "backreferences are not supported",
    "c": "write the control character as \\xhh", "h": "use [ \\t]", "R": "use (?:\\r\\n|\\n)",
    "K": None, "X": None, "N": None, "g": "backreferences are not supported",
}


class PatternError(ParseError):
    """A pattern the apps cannot use; offsets are into the pattern's text."""


@dataclass(frozen=True, slots=True)
class CharSet:
    """A set of UTF-16 code units: listed characters and ranges, maybe negated."""

    chars: frozenset[str] = frozenset()
    ranges: tuple[tuple[int, int], ...] = ()
    classes: tuple[tuple[frozenset[str], bool], ...] = ()  # (\d-like set, negated)
    negated: bool = False

    def __contains__(self, char: str) -> bool:
        found = char in self.chars or any(lo <= ord(char) <= hi for lo, hi in self.ranges) or \
            any((char in members) != neg for members, neg in self.classes)
        return found != self.negated

    def literal(self) -> str | None:
        """The one character this set is, if it is exactly one listed character."""
        if not self.negated and not self.ranges and not self.classes and len(self.chars) == 1:
            return next(iter(self.chars))
        return None


ANY_BUT_LINE_END = CharSet(chars=_LINE_END, negated=True)


@dataclass(slots=True)
class Node:
    kind: str  # set, seq, alt, rep, bol, eol, word, nonword, ahead, not_ahead
    start: int
    end: int
    chars: CharSet | None = None
    items: list[Node] = field(default_factory=list)
    low: int = 0
    high: int | None = None  # None: unbounded


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def error(self, message: str, start: int, end: int | None = None,
              hint: str | None = None) -> PatternError:
        return PatternError(message, start, max(end if end is not None else start + 1,
                                                start + 1), hint)

    def peek(self, ahead: int = 0) -> str:
        i = self.pos + ahead
        return self.text[i] if i < len(self.text) else ""

    def parse(self) -> Node:
        node = self.alternation()
        if self.pos < len(self.text):
            raise self.error("unmatched ')'", self.pos, hint="escape it as \\)")
        return node

    def alternation(self) -> Node:
        start = self.pos
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return Node("alt", start, self.pos, items=branches)

    def sequence(self) -> Node:
        start = self.pos
        items: list[Node] = []
        while self.pos < len(self.text) and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return Node("seq", start, self.pos, items=items)

    def quantified(self, atom: Node) -> Node:
        start = self.pos
        char = self.peek()
        if char in ("*", "+", "?"):
            self.pos += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        elif char == "{":
            counts = self.counts()
            if counts is None:
                raise self.error("'{' outside a repetition", start,
                                 hint="escape it as \\{ (JavaScript and Python disagree "
                                 "about a lone '{')")
            low, high = counts
        else:
            return atom
        if atom.kind in ("bol", "eol", "word", "nonword", "ahead", "not_ahead"):
            raise self.error("nothing to repeat here", start, self.pos)
        if self.peek() == "?":
            self.pos += 1  # lazy: the same language, another order
        if self.peek() in ("+", "*", "?", "{"):
            raise self.error("a repetition of a repetition", self.pos, hint=(
                "possessive forms such as a*+ are Python-only; write one repetition")
                if self.peek() == "+" else "write one repetition")
        return Node("rep", atom.start, self.pos, items=[atom], low=low, high=high)

    def counts(self) -> tuple[int, int | None] | None:
        text = self.text
        close = text.find("}", self.pos)
        if close < 0:
            return None
        body = text[self.pos + 1:close]
        low_text, comma, high_text = body.partition(",")
        if not low_text.isdigit() or not (high_text.isdigit() or high_text == "") or \
                not low_text.isascii() or not high_text.isascii():
            if low_text == "" and comma and high_text.isdigit():
                raise self.error("{,n} is Python-only", self.pos, close + 1,
                                 hint=f"write {{0,{high_text}}}")
            return None
        low = int(low_text[:8])
        high = low if not comma else (int(high_text[:8]) if high_text else None)
        if low > MAX_COUNT or (high is not None and high > MAX_COUNT):
            raise self.error(f"a repetition count is at most {MAX_COUNT}", self.pos, close + 1)
        if high is not None and high < low:
            raise self.error("the counts are in the wrong order", self.pos, close + 1)
        self.pos = close + 1
        return low, high

    def atom(self) -> Node:
        start = self.pos
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            chars = self.char_class()
            return Node("set", start, self.pos, chars=chars)
        if char == ".":
            self.pos += 1
            return Node("set", start, self.pos, chars=ANY_BUT_LINE_END)
        if char == "^":
            self.pos += 1
            return Node("bol", start, self.pos)
        if char == "$":
            self.pos += 1
            return Node("eol", start, self.pos)
        if char == "\\":
            return self.escape_atom()
        if char in ("*", "+", "?"):
            raise self.error("nothing to repeat here", start,
                             hint=f"escape it as \\{char} to match '{char}' itself")
        if char in ("{", "}", "]"):
            raise self.error(f"a lone '{char}'", start, hint=f"escape it as \\{char} "
                             "(JavaScript and Python disagree about it)")
        self.literal_check(char, start)
        self.pos += 1
        return Node("set", start, self.pos, chars=CharSet(chars=frozenset(char)))

    def literal_check(self, char: str, start: int) -> None:
        if ord(char) > 0xFFFF:
            raise self.error(f"the character {char} is outside the Basic Multilingual Plane",
                             start, hint="JavaScript patterns see it as two characters; "
                             "match it with (?:...) around the two, or leave it out")
        if ord(char) < 0x20 or char == "\x7f":
            raise self.error(f"a raw control character U+{ord(char):04X} in a pattern", start,
                             hint=f"write it as \\x{ord(char):02x}")

    def group(self) -> Node:
        start = self.pos
        self.depth += 1
        if self.depth > MAX_GROUP_DEPTH:
            raise self.error(f"groups are nested more than {MAX_GROUP_DEPTH} deep", start)
        self.pos += 1
        kind = "seq"
        if self.peek() == "?":
            marker = self.text[self.pos + 1:self.pos + 3]
            if marker.startswith(":"):
                self.pos += 2
            elif marker.startswith("="):
                self.pos += 2
                kind = "ahead"
            elif marker.startswith("!"):
                self.pos += 2
                kind = "not_ahead"
            else:
                message, hint = _group_problem(marker)
                raise self.error(message, start, start + 3, hint)
        inner = self.alternation()
        if self.peek() != ")":
            raise self.error("this group is never closed", start, hint="add ')'")
        self.pos += 1
        self.depth -= 1
        return Node(kind, start, self.pos, items=[inner])

    def escape_atom(self) -> Node:
        start = self.pos
        char = self.peek(1)
        if char == "b" or char == "B":
            self.pos += 2
            return Node("word" if char == "b" else "nonword", start, self.pos)
        chars = self.escape(in_class=False)
        return Node("set", start, self.pos, chars=chars)

    def escape(self, in_class: bool) -> CharSet:
        start = self.pos
        char = self.peek(1)
        if char == "":
            raise self.error("the pattern ends with a lone '\\'", start, hint="write \\\\")
        self.pos += 2
        if char in _CLASS_ESCAPES:
            members, negated = _CLASS_ESCAPES[char]
            return CharSet(classes=((members, negated),))
        if char in _CONTROL_ESCAPES:
            return CharSet(chars=frozenset(_CONTROL_ESCAPES[char]))
        if in_class and char == "b":
            return CharSet(chars=frozenset("\b"))
        if char == "0" and not self.peek().isdigit():
            return CharSet(chars=frozenset("\0"))
        if char == "x" or char == "u":
            width = 2 if char == "x" else 4
            digits = self.text[self.pos:self.pos + width]
            if len(digits) != width or any(c not in "0123456789abcdefABCDEF" for c in digits):
                raise self.error(f"\\{char} needs {width} hex digits", start, self.pos + width)
            self.pos += width
            return CharSet(chars=frozenset(chr(int(digits, 16))))
        if char.isdigit():
            raise self.error("backreferences and octal escapes are not supported", start,
                             self.pos, hint="they differ between JavaScript and Python, "
                             "and backreferences can take exponential time")
        if char in _SYNTAX:
            return CharSet(chars=frozenset(char))
        if char.isascii() and char.isalpha():
            hint = _PORTABLE_HINTS.get(char)
            raise self.error(f"\\{char} does not mean the same in JavaScript and Python",
                             start, self.pos, hint=hint or "leave it out or list the "
                             "characters in a class")
        self.literal_check(char, start + 1)
        # \" or \é: both engines read the character itself.
        return CharSet(chars=frozenset(char))

    def char_class(self) -> CharSet:
        start = self.pos
        self.pos += 1
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        if self.peek() == "]":
            raise self.error("an empty class, or ']' first in one", start, self.pos + 1,
                             hint="JavaScript reads [] and [^] as classes, Python reads ']' "
                             "as a character: escape it as \\]")
        chars: set[str] = set()
        ranges: list[tuple[int, int]] = []
        classes: list[tuple[frozenset[str], bool]] = []
        while True:
            char = self.peek()
            if char == "":
                raise self.error("this class is never closed", start, hint="add ']'")
            if char == "]":
                self.pos += 1
                break
            if char == "[":
                raise self.error("a '[' inside a class", self.pos, hint="escape it as \\[ "
                                 "(Python reads [[ as a nested set in the future)")
            item_start = self.pos
            low = self.class_item()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                high = self.class_item()
                if low.literal() is None or high.literal() is None:
                    raise self.error("a range between a class and a character", item_start,
                                     self.pos, hint="escape the '-' as \\-")
                lo, hi = ord(low.literal() or ""), ord(high.literal() or "")
                if lo > hi:
                    raise self.error("the range is in the wrong order", item_start, self.pos)
                ranges.append((lo, hi))
                continue
            chars |= low.chars
            classes.extend(low.classes)
        return CharSet(frozenset(chars), tuple(ranges), tuple(classes), negated)

    def class_item(self) -> CharSet:
        if self.peek() == "\\":
            return self.escape(in_class=True)
        char = self.peek()
        if self.text.startswith(("--", "&&", "||", "~~"), self.pos):
            raise self.error(f"'{self.text[self.pos:self.pos + 2]}' inside a class", self.pos,
                             self.pos + 2, hint="escape one of them: Python reads it as a "
                             "set operation in the future")
        self.literal_check(char, self.pos)
        self.pos += 1
        return CharSet(chars=frozenset(char))


def _group_problem(marker: str) -> tuple[str, str]:
    if marker.startswith("P"):
        return ("named groups (?P<name>...) are Python-only",
                "use (...) or (?:...); names are not used")
    if marker.startswith("<=") or marker.startswith("<!"):
        return ("lookbehind is not portable", "rewrite without (?<=...) and (?<!...)")
    if marker.startswith("<"):
        return ("named groups are not portable", "use (...) or (?:...)")
    if marker.startswith(">"):
        return ("atomic groups (?>...) are not portable", "use (?:...)")
    if marker.startswith("#"):
        return ("comments (?#...) are Python-only", "leave the comment out")
    return ("inline flags such as (?i) are Python-only", "list both cases in a class, e.g. [Aa]")


# ---- shapes that backtrack exponentially -------------------------------------------------


def _walk(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(current.items)
    return out


def _repeats(node: Node) -> bool:
    return node.kind == "rep" and (node.high is None or node.high > 1)


def _first_literal(node: Node) -> str | None:
    """The character every match of ``node`` starts with, when that is one known character."""
    while node.kind == "seq" or (node.kind == "rep" and node.low > 0):
        if not node.items:
            return None
        node = node.items[0]
    return node.chars.literal() if node.kind == "set" and node.chars else None


def _deterministic(branches: list[Node]) -> bool:
    """Alternatives that start with distinct characters never both match at one place, so a
    repetition of them never has two ways to split a text."""
    seen: set[str] = set()
    for branch in branches:
        literal = _first_literal(branch)
        if literal is None or literal in seen:
            return False
        seen.add(literal)
    return True


def _check_shapes(root: Node) -> None:
    for node in _walk(root):
        if not _repeats(node):
            continue
        for inner in _walk(node.items[0]):
            if _repeats(inner):
                raise PatternError(
                    "a repetition inside a repetition can take exponential time on a "
                    "non-matching text (catastrophic backtracking)", inner.start, inner.end,
                    hint="repeat a single character class instead, e.g. ^[a-z.]+$ rather "
                    "than ^([a-z]+\\.?)*$")
            if inner.kind == "alt" and not _deterministic(inner.items):
                raise PatternError(
                    "repeated alternatives that can match the same text take exponential "
                    "time (catastrophic backtracking)", inner.start, inner.end,
                    hint="use a class such as [ab]+, or alternatives that cannot overlap")

    _check_chains(root)


#: Code units that stand for a set when two sets are compared: ASCII, the usual non-ASCII
#: spaces and letters, and the ends of the BMP.
_PROBES = [chr(c) for c in range(128)] + list("\xa0\xe9\u0100\u2028\u3000\ufeff\uffff")


def _overlap(a: CharSet, b: CharSet) -> bool:
    probes = [*_PROBES, *a.chars, *b.chars, *(chr(lo) for lo, _ in a.ranges + b.ranges),
              *(chr(hi) for _, hi in a.ranges + b.ranges)]
    return any(c in a and c in b for c in probes)


def _unbounded_set(node: Node) -> CharSet | None:
    """The set a repetition like ``\\d*`` or ``[a-z]{2,}`` repeats (None for anything else)."""
    if node.kind == "rep" and (node.high is None or node.high > 16):
        operand = node.items[0]
        if operand.kind == "seq" and len(operand.items) == 1:
            operand = operand.items[0]
        if operand.kind == "set":
            return operand.chars
    return None


def _check_chains(root: Node) -> None:
    """Repetitions in a row that can match the same characters, with nothing required
    between them, let a backtracking engine try every way to split a text among them: time
    n^k for k of them (one more when the pattern is not anchored with ^). Past n^2 a long
    input hangs the app's page, so such chains are refused."""
    anchored = bool(root.items) and root.kind == "seq" and root.items[0].kind == "bol"
    for node in _walk(root):
        if node.kind != "seq":
            continue
        chain: list[tuple[CharSet, Node]] = []
        for item in node.items:
            chars = _unbounded_set(item)
            if chars is not None:
                chain = chain if chain and _overlap(chain[-1][0], chars) else []
                chain.append((chars, item))
                if len(chain) + (0 if anchored else 1) >= 3:
                    first = chain[0][1]
                    raise PatternError(
                        "repetitions in a row that can match the same characters take time "
                        "growing as a power of the text's length", first.start, item.end,
                        hint="merge them into one, e.g. \\d+ instead of \\d*\\d+, or "
                        "anchor the pattern with ^")
            elif not (item.kind == "rep" and item.low == 0) and \
                    item.kind not in ("word", "nonword", "ahead", "not_ahead"):
                chain = []


# ---- matching defaults ---------------------------------------------------------------------


@dataclass(slots=True)
class _Inst:
    op: str  # set, split, jmp, match, bol, eol, word, nonword, ahead, not_ahead
    chars: CharSet | None = None
    x: int = 0
    y: int = 0
    sub: Program | None = None


@dataclass(slots=True)
class Program:
    code: list[_Inst]


def _emit(node: Node, code: list[_Inst]) -> None:
    if len(code) > MAX_PROGRAM:
        raise PatternError("the pattern's repetition counts make it too large", node.start,
                           node.end, hint="use smaller {n,m} counts")
    kind = node.kind
    if kind == "set":
        code.append(_Inst("set", chars=node.chars))
    elif kind == "seq":
        for item in node.items:
            _emit(item, code)
    elif kind == "alt":
        jumps = []
        for i, branch in enumerate(node.items):
            if i < len(node.items) - 1:
                split = len(code)
                code.append(_Inst("split", x=split + 1))
                _emit(branch, code)
                jumps.append(len(code))
                code.append(_Inst("jmp"))
                code[split].y = len(code)
            else:
                _emit(branch, code)
        for j in jumps:
            code[j].x = len(code)
    elif kind == "rep":
        operand = node.items[0]
        for _ in range(node.low):
            _emit(operand, code)
        if node.high is None:
            loop = len(code)
            code.append(_Inst("split", x=loop + 1))
            _emit(operand, code)
            code.append(_Inst("jmp", x=loop))
            code[loop].y = len(code)
        else:
            ends = []
            for _ in range(node.high - node.low):
                ends.append(len(code))
                code.append(_Inst("split", x=len(code) + 1))
                _emit(operand, code)
            for e in ends:
                code[e].y = len(code)
    elif kind in ("ahead", "not_ahead"):
        sub: list[_Inst] = []
        _emit(node.items[0], sub)
        sub.append(_Inst("match"))
        code.append(_Inst(kind, sub=Program(sub)))
    else:  # bol, eol, word, nonword
        code.append(_Inst(kind))


def _is_word(units: list[str], i: int) -> bool:
    return 0 <= i < len(units) and units[i] in _WORD


def _run(program: Program, units: list[str], begin: int, anywhere: bool,
         memo: dict[tuple[int, int], bool]) -> bool:
    """Whether ``program`` matches ``units`` from ``begin`` (or from any later position)."""
    code = program.code

    def closure(pcs: list[int], pos: int) -> list[int]:
        out, seen, stack = [], set(), list(reversed(pcs))
        while stack:
            pc = stack.pop()
            if pc in seen:
                continue
            seen.add(pc)
            inst = code[pc]
            op = inst.op
            if op == "jmp":
                stack.append(inst.x)
            elif op == "split":
                stack.extend((inst.y, inst.x))
            elif op == "bol":
                if pos == 0:
                    stack.append(pc + 1)
            elif op == "eol":
                if pos == len(units):
                    stack.append(pc + 1)
            elif op in ("word", "nonword"):
                boundary = _is_word(units, pos - 1) != _is_word(units, pos)
                if boundary == (op == "word"):
                    stack.append(pc + 1)
            elif op in ("ahead", "not_ahead"):
                key = (id(inst), pos)
                if key not in memo:
                    assert inst.sub is not None
                    memo[key] = _run(inst.sub, units, pos, False, memo)
                if memo[key] == (op == "ahead"):
                    stack.append(pc + 1)
            else:
                out.append(pc)
        return out

    current = closure([0], begin)
    for pos in range(begin, len(units) + 1):
        if any(code[pc].op == "match" for pc in current):
            return True
        if pos == len(units):
            return False
        unit = units[pos]
        advanced = [pc + 1 for pc in current
                    if code[pc].op == "set" and unit in (code[pc].chars or ANY_BUT_LINE_END)]
        # A search (RegExp.test) also starts a new attempt at every position.
        current = closure([*advanced, 0] if anywhere else advanced, pos + 1)
    return False


@dataclass(frozen=True, slots=True)
class Pattern:
    """A checked pattern; :meth:`search` answers as JavaScript's RegExp.test would."""

    text: str
    program: Program

    def search(self, value: str) -> bool:
        raw = value.encode("utf-16-le", "surrogatepass")
        units = [chr(int.from_bytes(raw[i:i + 2], "little")) for i in range(0, len(raw), 2)]
        return _run(self.program, units, 0, True, {})


def compile_pattern(text: str) -> Pattern:
    """Check a spec pattern and make its matcher. Raises :class:`PatternError` (offsets are
    into ``text``)."""
    if len(text) > MAX_PATTERN_LENGTH:
        raise PatternError(f"a pattern is at most {MAX_PATTERN_LENGTH} characters", 0,
                           len(text))
    parser = _Parser(text)
    root = parser.parse()
    _check_shapes(root)
    code: list[_Inst] = []
    _emit(root, code)
    code.append(_Inst("match"))
    return Pattern(text, Program(code))
