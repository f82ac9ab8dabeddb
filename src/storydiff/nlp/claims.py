"""Claims: the sentence or clause units of fact an article puts forward.

A sentence that joins two independent clauses ("an aide said the talks would
happen on Friday, but the spokesman rowed back on that") yields one claim per
clause, since the two halves can be corroborated or contradicted separately.

Each claim notes what the align stage needs to tell a corroboration from a
conflict, all read from its *core*: the part that is asserted, i.e. the
content of the statement it belongs to ("the talks would happen on Friday"),
not the reporting clause around it ("an aide told reporters"), and never the
dateline ("OSLO (Reuters) - "). From the core come its predicate (the lemma of
its main verb, "happen"), the nouns that are its arguments ("talk"), its
content words, polarity (negation of the predicate itself, not of some
relative clause), modality (definite, expected, possible, denied, ruled out),
numbers and dates, and ``key``: the decisive words as printed ("would
happen", "will not hold") that a relation's reason quotes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from storydiff.lexicon import NEGATORS, SAYING_CORE_LEMMAS, dateline_length
from storydiff.models import Claim, Statement
from storydiff.nlp.parse import doc_text
from storydiff.nlp.roles import claim_role

MIN_WORDS = 4

# Words that make a claim "possible" rather than definite: "might meet", "a possible meeting".
_POSSIBLE = {
    "may", "might", "could", "possible", "possibly", "perhaps", "likely", "possibility", "maybe",
    "probably", "whether", "if", "unclear", "consider", "discuss", "potential",
}
# Words that make a claim "expected": "would happen", "is set to", "plans to".
_EXPECTED = {"will", "would", "shall", "expect", "plan", "schedule", "anticipate", "intend", "going", "'ll"}
# Denials: "the ministry denied the report".
_DENIED = {"deny", "dismiss", "reject", "refute"}
# Verbs that say their complement did not happen: "failed to respond", "declined to comment".
_FAILING = {"fail", "refuse", "decline", "neglect"}
# Words after "not" that make it narrow a claim rather than negate it: "not just", "not only".
_FOCUS = {"just", "only", "merely", "simply"}
_MODALS = {"can", "ca", "could", "must", "should", "may", "might", "will", "wo", "would", "shall"}
# Leading connectives trimmed from a clause: "but Peskov rowed back".
_CONNECTIVES = {"but", "and", "yet", "so", "while", "whereas", "however"}
# Verbs that carry little event meaning of their own: "was", "had", "said", "expected X to Y".
LIGHT_PREDICATES = frozenset({
    "be", "have", "do", "say", "tell", "make", "get", "go", "come", "take", "give", "seem",
    "appear", "want", "expect", "plan", "hope", "try", "need", "add", "note", "suggest",
    "continue", "begin", "start", "keep", "fail", "refuse", "decline", "neglect", "think",
    "believe", "know", "report", "claim",
    "announce", "state", "insist", "argue", "question", "predict", "see", "look", "let",
})
# Argument dependencies whose nouns name what the predicate is about.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "obj", "expl"}
# Clause dependencies below which a negation or modal belongs to another clause.
_OTHER_CLAUSE = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "conj", "prep", "pcomp"}
# Dependencies that put a clause under a word of another clause: "after he denied ...", "who rejected ...".
_SUBORDINATE = {"advcl", "relcl", "acl", "pcomp", "pobj"}
_ARGUMENT_PREPS = {"on", "about", "of", "over", "for", "to", "with", "against"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_STOP_LEMMAS = LIGHT_PREDICATES | {"-PRON-", "one", "thing", "way", "time", "year", "day", "people"}
_EMPTY_NOUNS = {"-PRON-", "one", "thing", "way", "lot", "kind"}
_KEY_TOKENS = 9  # a key longer than this is shown as its parts joined by "…"
_LEAD = re.compile(r"^[\s\"'“”‘’(]*(?:that\s+)?", re.IGNORECASE)


def iter_claims(
    doc: Any,
    article_id: str,
    statements: Sequence[Statement] = (),
    title: str | None = None,
) -> Iterator[Claim]:
    """Yield the claims of a parsed article, numbered A1, A2, ... in text order (a7-1 for article a7).

    Each claim has its ``role`` (``nlp.roles``): a fact, or the title again, a caption, a byline,
    a pleasantry or a fragment, which the brief keeps in JSON but never makes a point of.
    """
    n = 0
    separator = "-" if article_id[-1:].isdigit() else ""  # "a4-11" and "a41-1", never two "a411"
    for index, sent in enumerate(doc.sents):
        clauses = _clauses(sent)
        for number, (start, end) in enumerate(clauses):
            start = _after_dateline(doc, start, end)
            span = doc[start:end]
            words = [t for t in span if t.is_alpha]
            if len(words) < MIN_WORDS:
                continue
            n += 1
            root = _head(span)
            statement = _statement_for(
                span.start_char, span.end_char, statements, root.idx if root is not None else -1
            )
            core = _core(span, statement)
            head = _head(core)
            # The cue says how certain the content is ("denied that ...") only when the core is that content.
            voiced = statement if statement is not None and _is_content(core, statement) else None
            yield Claim(
                id=f"{article_id}{separator}{n}",
                article=article_id,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                statement=statement.id if statement is not None else None,
                sentence=index,
                polarity=polarity(core, head, voiced),
                modality=modality(core, head, voiced),
                numbers=_attached_ents(core, head, ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")),
                dates=_attached_ents(core, head, ("DATE", "TIME")),
                content_start=core.start_char,
                content_end=core.end_char,
                # "It's ...": the contracted verb is a predicate too ("be").
                predicate=predicate(head) if head is not None and (head.is_alpha or head.lemma_.isalpha()) else "",
                arguments=arguments(core, head),
                words=tuple(dict.fromkeys(
                    t.lemma_.lower() for t in core
                    if t.pos_ in _CONTENT_POS and t.is_alpha and t.lemma_.lower() not in _STOP_LEMMAS
                )),
                key=key_words(core, head),
                role=claim_role(span, title, core=core, first=number == 0, last=number == len(clauses) - 1),
            )


def _attached_ents(core: Any, head: Any | None, labels: tuple[str, ...]) -> tuple[str, ...]:
    """Entities of these labels that belong to the core's own clause, not to a clause inside it.

    "He said he felt badly for Flynn, whom he fired in February": no date for "felt".
    """
    found = []
    for ent in core.ents:
        if ent.label_ in labels and (head is None or _in_clause(ent.root, head)):
            found.append(ent.text)
    return tuple(found)


def _in_clause(token: Any, head: Any) -> bool:
    """Whether the token hangs from the head without passing through a relative clause or apposition."""
    event = _event(head)
    for _ in range(16):
        if token.i in (head.i, event.i):
            return True
        if token.dep_ in ("relcl", "acl", "appos", "parataxis", "csubj", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _after_dateline(doc: Any, start: int, end: int) -> int:
    """Skip a dateline that opens a claim: "DA NANG, Vietnam — ", "OSLO (Reuters) - "."""
    begin = doc[start].idx
    text = doc[start:end].text  # not doc.text: that rebuilds the whole article's string
    skip = dateline_length(text)
    if not skip:
        return start
    cut = begin + skip
    for token in doc[start:end]:
        if token.idx >= cut:
            return token.i
    return start


def _clauses(sent: Any) -> list[tuple[int, int]]:
    """Token ranges of the independent clauses of a sentence, trimmed of edge punctuation."""
    cuts = [sent.start]
    root = sent.root
    for token in root.children:
        # "X said A, but Y said B": a conjoined verb with its own subject starts a clause.
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.i > root.i and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children
        ) and not _quoted_at(sent, token.left_edge.i) and not _trailing_attribution(token):
            left = token.left_edge.i
            while left > root.i and sent.doc[left - 1].dep_ in ("cc", "punct") and not sent.doc[left - 1].is_quote:
                left -= 1
            cuts.append(left)
    cuts.append(sent.end)
    ranges = []
    for begin, finish in itertools.pairwise(cuts):
        tokens = sent.doc[begin:finish]
        first = begin == cuts[0]
        # A later clause sheds its joining word ("but"); the first keeps its opening quote.
        while len(tokens) and (tokens[0].is_space or (not first and (
            tokens[0].is_punct or tokens[0].lower_ in _CONNECTIVES
        ))):
            tokens = tokens[1:]
        while len(tokens) and (tokens[-1].is_space or tokens[-1].text in (",", ";", "—", "-", "–")):
            tokens = tokens[:-1]
        if len(tokens):
            ranges.append((tokens.start, tokens.end))
    return ranges


# What a bare reporting verb may carry and still be only the attribution of the clause before it.
_ATTRIBUTION_DEPS = {"nsubj", "aux", "advmod", "npadvmod", "prep", "punct", "dative", "dobj"}


def _trailing_attribution(verb: Any) -> bool:
    """Whether a conjoined verb is the attribution of what precedes it, not a clause of its own.

    "The archive was lost in the fire, librarian Owen Pike said on Friday": the parser often hangs the
    trailing "said" on the first verb as a conjunct. With no complement of its own (no clause, no
    quotation) and nothing but its subject, time and recipient around it ("told reporters"), it says
    who said the first clause, which stays one claim with it.
    """
    if verb.lemma_.lower() not in SAYING_CORE_LEMMAS:
        return False
    for child in verb.children:
        if child.dep_ not in _ATTRIBUTION_DEPS or (child.dep_ == "dobj" and verb.lemma_.lower() != "tell"):
            return False
    # "... said in a statement that all accounts were affected": a content the parse hung elsewhere
    after = [t for t in verb.subtree if t.i > verb.i]
    return not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in after)


def _quoted_at(sent: Any, i: int) -> bool:
    """Whether token ``i`` is inside a quotation opened earlier in its sentence: '"I built it, and I ..."'."""
    before = doc_text(sent.doc)[sent.start_char : sent.doc[i].idx]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _core(span: Any, statement: Statement | None) -> Any:
    """The asserted part of a claim: its statement's content inside it, else the whole claim.

    When the claim is built on a verb of saying ("Ortiz told reporters that the vote was
    delayed before adding that ..."), its complement clause is the core, even where the
    statement found covers only part of it.
    """
    doc = span.doc
    reported = _reported(span)
    if reported is not None and (statement is None or (
        reported.start_char <= statement.content.start + 2 and reported.end_char >= statement.content.end - 2
    ) or not (span.start_char <= statement.content.start < span.end_char)):
        return reported
    if statement is None:
        return span
    lo = max(span.start_char, statement.content.start)
    hi = min(span.end_char, statement.content.end)
    tokens = [t for t in span if t.idx >= lo and t.idx + len(t) <= hi]
    # A content that is no clause ("rejecting gun control measures"): the claim is the core.
    if not tokens or sum(t.is_alpha for t in tokens) < 2 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return span
    core = doc[tokens[0].i : tokens[-1].i + 1]
    # "that such a meeting would happen": the complementizer and quotes are not the fact.
    while len(core) > 1 and ((core[0].lower_ == "that" and core[0].dep_ == "mark") or core[0].is_punct):
        core = doc[core.start + 1 : core.end]
    while len(core) > 1 and core[-1].is_punct:
        core = doc[core.start : core.end - 1]
    # A content headed by a noun is the object of the claim's verb, not a clause of its own
    # ("pleaded guilty to [a charge that she filed false returns]"): the claim is the core,
    # so its predicate is "plead", not "charge".
    head = _head(core)
    if head is None or head.pos_ not in ("VERB", "AUX") or _subordinate_cue(span, statement):
        return span
    # A topic, not a proposition: "talked about [pulling out of Syria]", a gerund with no subject.
    if head.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in head.children):
        return span
    return core


def _subordinate_cue(span: Any, statement: Statement) -> bool:
    """Whether the statement is voiced in a clause that only modifies the claim's own verb.

    "The subpoena came after the aide denied that he had met the envoy": the claim says the
    subpoena came; the denial is its circumstance, so the claim's core (and with it its
    predicate, polarity and modality) is the claim's own clause, not the denied content.
    "According to the aide, the talks will not happen" is no such case: its verb lies in the content.
    """
    root = _head(span)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return False
    if any(part.start <= root.idx < part.end for part in (statement.content, statement.cue)):
        return False
    cue = span.doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if cue is None:
        return False
    token = cue.root
    for _ in range(16):
        if token.i == root.i or not span.start <= token.i < span.end or token.head.i == token.i:
            return False
        if token.dep_ in _SUBORDINATE:
            return True
        token = token.head
    return False


def _is_content(core: Any, statement: Statement) -> bool:
    """Whether the core lies within the statement's content."""
    return statement.content.start - 2 <= core.start_char and core.end_char <= statement.content.end + 2


def _reported(span: Any) -> Any | None:
    """The complement clause of a claim whose main verb is a verb of saying, if it has one."""
    root = _head(span)
    if root is None or root.lemma_.lower() not in SAYING_CORE_LEMMAS:
        return None
    clauses = [c for c in root.children if c.dep_ == "ccomp" and span.start <= c.i < span.end]
    if clauses:
        clause = max(clauses, key=lambda c: c.right_edge.i - c.left_edge.i)
        lo = max(clause.left_edge.i, span.start)
        hi = min(clause.right_edge.i + 1, span.end)
    else:
        # A misparsed complement ("told reporters on a call that ..." read as a relative
        # clause): everything after the first "that" following the verb.
        that = next((t for t in span if t.i > root.i and t.lower_ == "that" and t.dep_ == "mark"), None)
        if that is None:
            return None
        lo, hi = that.i + 1, span.end
    while lo < hi - 1 and (span.doc[lo].dep_ == "mark" or span.doc[lo].is_punct):
        lo += 1
    while hi - 1 > lo and span.doc[hi - 1].is_punct:
        hi -= 1
    core = span.doc[lo:hi]
    return core if sum(t.is_alpha for t in core) >= 3 else None


def _head(core: Any) -> Any | None:
    """The main predicate of the core: its first verb whose head lies outside it, else its root.

    A verb that only modifies something outside the core is not its predicate when the core holds
    more than that clause: in "[the subpoena on Friday, after the aide declined a request]" (what
    "issued" governs) the head is "subpoena", a noun, not "declined".
    """
    tops = [t for t in core if t.head.i < core.start or t.head.i >= core.end or t.head.i == t.i]
    main = [t for t in tops if not (t.is_punct or t.dep_ in ("punct", "mark", "cc"))]
    for token in tops:
        if token.pos_ in ("VERB", "AUX") and (token.dep_ not in _SUBORDINATE or main == [token]):
            return token
    return tops[0] if tops else None


def _scope(head: Any, core: Any) -> list[Any]:
    """The head, its auxiliaries and adverbs, and its direct nominal arguments with their modifiers."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _OTHER_CLAUSE:
            continue
        tokens.append(child)
        if child.dep_ in _ARGUMENT_DEPS:
            tokens.extend(c for c in child.children if c.dep_ in ("det", "amod", "neg", "advmod", "nummod"))
    return [t for t in tokens if core.start <= t.i < core.end]


def _event(head: Any) -> Any:
    """The verb that names the event: "expected the meeting to happen" -> "happen"."""
    token = head
    for _ in range(3):
        if token.lemma_.lower() not in LIGHT_PREDICATES:
            break
        nxt = next((c for c in token.children if c.dep_ in ("xcomp",) and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            break
        token = nxt
    return token


def polarity(
    core: Any, head: Any | None = None, statement: Statement | None = None
) -> Literal["positive", "negative"]:
    """"negative" when the predicate itself is negated ("will not hold", "never agreed", "no decision").

    A core that is the complement of a verb of failing ("refused [to accept the offer]") did not happen either.
    """
    if head is None:
        head = _head(core)
    if head is None:
        return "positive"
    if statement is not None and head.dep_ == "xcomp" and head.head.lemma_.lower() in _FAILING:
        cue = core.doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
        if cue is not None and cue.root.i == head.head.i:
            return "negative"
    scoped = _scope(head, core)
    event = _event(head)
    if event.i != head.i:
        scoped += _scope(event, core)
    doc = core.doc
    for token in scoped:
        # "It's not just the council that is worried": "not" narrows what follows, the claim stands
        # (but "you cannot just destroy documents" forbids it).
        focus = token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _FOCUS and not (
            token.i > 0 and doc[token.i - 1].lemma_.lower() in _MODALS
        )
        if (token.dep_ == "neg" or token.lower_ in NEGATORS) and not focus:
            return "negative"
        # "has yet to respond": not done.
        if token.lower_ == "yet" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            return "negative"
    # "failed to respond", "refused to comment": the event did not happen.
    if head.lemma_.lower() in _FAILING and event.i != head.i:
        return "negative"
    return "positive"


def modality(core: Any, head: Any | None = None, statement: Statement | None = None) -> str:
    """How certain the claim is: definite, expected, possible, denied or ruled out."""
    if head is None:
        head = _head(core)
    cue = statement.cue.text.lower() if statement is not None else ""
    if head is None:
        return "definite"
    lowered = core.text.lower()
    verb = predicate(head)
    if verb == "rule out" or re.search(r"\brul(?:e|ed|es|ing) out\b", cue):
        return "ruled out"
    cue_word = cue.split()[-1] if cue else ""
    if head.lemma_.lower() in _DENIED or cue_word.startswith(("deni", "deny", "dismiss", "reject", "refut")):
        return "denied"
    scoped = _scope(head, core)
    event = _event(head)
    if event.i != head.i:
        scoped += _scope(event, core)
    lemmas = {t.lemma_.lower() for t in scoped} | {t.lower_ for t in scoped}
    # "questioned whether they would meet", "would meet if ...": the event hangs on a condition.
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless", "whether") for m in c.children)
        for c in head.children
    ) or any(t.lower_ in ("if", "whether", "unless") and t.dep_ == "mark" for t in core)
    if lemmas & _POSSIBLE or conditional or lowered.rstrip().endswith("?"):
        return "possible"
    # "officials expected the meeting to happen": the cue itself says it is expected.
    if lemmas & _EXPECTED or "set to" in lowered or "going to" in lowered or cue_word.startswith(
        ("expect", "anticipat", "predict", "plan", "forecast")
    ):
        return "expected"
    return "definite"


def predicate(head: Any) -> str:
    """The lemma of the event verb, with its particle: "ruled out" -> "rule out"."""
    event = _event(head)
    if event.lemma_ == "be" and any(c.dep_ == "expl" for c in event.children):
        return "exist"  # "there was never a meeting": the meeting's existence is the claim
    particle = next((c.lower_ for c in event.children if c.dep_ == "prt"), "")
    return f"{event.lemma_.lower()} {particle}".strip()


def arguments(core: Any, head: Any | None) -> tuple[str, ...]:
    """The nouns the predicate is about: "will not hold a formal meeting with Putin" -> ("meeting", "Putin").

    Common nouns come as lower-case lemmas, names as printed (capitalised), so that
    the align stage can tell "a meeting" (an event) from "Mattis" (a participant).
    """
    if head is None:
        return ()
    found = []
    heads = [head]
    event = _event(head)
    if event.i != head.i:
        heads.append(event)
    for verb in heads:
        for child in (c for c in verb.children if core.start <= c.i < core.end):
            if child.dep_ in _ARGUMENT_DEPS and child.pos_ in ("NOUN", "PROPN"):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in _ARGUMENT_PREPS:
                found.extend(
                    g for g in child.children
                    if g.dep_ in ("pobj", "pcomp") and g.pos_ in ("NOUN", "PROPN", "VERB")
                )
    # "there was never a meeting confirmed": the existential's noun is the event.
    if head.lemma_ == "be":
        found.extend(t for t in core if t.dep_ in ("attr", "nsubj") and t.head.i == head.i and t.pos_ == "NOUN")
    names = []
    for token in found:
        if not token.is_alpha:
            continue
        word = token.text if token.pos_ == "PROPN" else token.lemma_.lower()
        if word.lower() not in _EMPTY_NOUNS:
            names.append(word)
    return tuple(dict.fromkeys(names))


def key_words(core: Any, head: Any | None) -> str:
    """The decisive words of the claim as printed: "would happen", "will not hold", "possible meeting"."""
    if head is None:
        return core.text[:60]
    event = _event(head)
    picked = {head.i, event.i}
    for verb in ([head] if event.i == head.i else [head, event]):
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass", "neg", "prt") or (
                child.dep_ == "advmod" and (child.lower_ in NEGATORS or child.lemma_.lower() in _POSSIBLE)
            ):
                picked.add(child.i)
            elif child.dep_ in ("acomp", "attr") and verb.lemma_ == "be":
                # "was definite", "there was never a meeting confirmed": the copula's complement.
                picked.add(child.i)
                picked.update(c.i for c in child.children if c.dep_ == "acl" and c.pos_ == "VERB")
            elif child.dep_ in _ARGUMENT_DEPS:
                for mod in child.children:
                    if mod.lower_ in NEGATORS or mod.lemma_.lower() in _POSSIBLE:
                        picked.update((mod.i, child.i))
    picked = {i for i in picked if core.start <= i < core.end}
    if not picked:
        return core.text[:60]
    lo, hi = min(picked), max(picked)
    doc = core.doc
    while lo > core.start and doc[lo].text[:1] in "’'" and not doc[lo - 1].whitespace_:
        lo -= 1  # "He’ll make", not "’ll make": a clitic is printed with the word it leans on
    if hi - lo < _KEY_TOKENS:
        return doc[lo : hi + 1].text
    return " … ".join(doc[i].text for i in sorted(picked))


def _statement_for(
    start: int, end: int, statements: Sequence[Statement], root: int = -1
) -> Statement | None:
    """The statement the claim belongs to.

    The one whose cue is the claim's main verb ("Fox vowed that it would never happen",
    not "Trump's promises" earlier in the sentence); else one whose cue lies in the claim
    and whose content runs into it ("X told reporters on Thursday that ...", even when
    the content runs on into the next clause); else the one whose content covers most
    of the claim, if it covers half of it.
    """
    best, best_score = None, (False, False, 0)
    for statement in statements:
        overlap = min(end, statement.content.end) - max(start, statement.content.start)
        if overlap <= 0:
            continue
        has_cue = start <= statement.cue.start < end and overlap >= 12
        covers = overlap * 2 >= min(end - start, statement.content.end - statement.content.start)
        if not (has_cue or covers):
            continue
        score = (statement.cue.start == root, has_cue, overlap)
        if score > best_score:
            best, best_score = statement, score
    return best
