"""Statements: who said what, to whom, when — from one parsed article.

``iter_statements(doc, article_id)`` walks a spaCy ``Doc`` of the whole
article and yields ``Statement`` records; every span is a character range
into ``doc.text``. The modules, read top-down, each build on those before:

- ``quotes``: where the quoted passages are;
- ``columns``: each token's attributes and sentence bounds as lists, read once per article;
- ``cues``: the cue words beyond the verbs of speech (``storydiff.lexicon``);
- ``positions``: the token and paragraph at an offset, sentence breaks in the text, a span's trimmed edges;
- ``relatives``: the antecedent a relative "who" stands for, the speaker in its place;
- ``unnamed``: sources the article leaves unnamed, and a name the parse lost before such a phrase;
- ``states``: the U.S. state a writer ties a person to ("Nancy Pelosi (D-Calif.)", "the Oregon Democrat");
- ``names``: the words of a name: titles, suffixes, the surname, the sex a title or first name tells;
- ``subjects``: speakers the parse hides from a cue's clause (a quote's own subject, a dateline run in);
- ``given_roles``: the role nouns an article gives a named person ("press secretary Sarah Sanders");
- ``people``: the people an article names: full names, roles, pronouns, two people of one surname apart;
- ``speakers``: who a cue attributes its content to, named as the article names them;
- ``reported``: the clause, object or infinitive a cue governs;
- ``parentheticals``: a cue set off by commas inside what was said ("Many of the courses, she said, have closed");
- ``lead_ins``: a partial quotation's lead-in, the writer's words of its clause before the opening mark;
- ``candidates``: the ``Candidate`` record, a statement before it is chosen;
- ``lines``: statements written as lines: "Name: ..." and quotes signed with a dash;
- ``continued``: quotations no cue claims, continuing the speaker before them;
- ``exchanges``: questions and answers: transcript lines, replies given to the person asked;
- ``recipients``: whom a statement was made to, or the outlet it was said on ("told reporters", "said on CNN");
- ``findings``: what a source vouches for: "according to" it, a poll it is "in" ("In a CNN poll, ...");
- ``rules``: candidates from cue verbs, block quotations, with those of ``lines``, ``continued`` and ``findings``;
- ``templates``: candidates from the cue vocabulary learned on PolNeAR;
- ``variants``: other end points for a rule's clause, shorter and longer, for the model to choose from;
- ``features``: the model's features, by name;
- ``choice``: the statement model: loading, scoring, choosing;
- ``channels``: where a statement was made ("in a statement", "on Twitter"), cut from its content's end;
- ``boundaries``: a chosen content's ends settled: cuts and run-ons the choice cannot make;
- ``extract``: ``iter_statements``, the whole of it.
"""

from __future__ import annotations

from storydiff.nlp.statements.candidates import Candidate
from storydiff.nlp.statements.choice import StatementModel, load_model
from storydiff.nlp.statements.extract import candidates, iter_statements, number_statements

__all__ = [
    "Candidate",
    "StatementModel",
    "candidates",
    "iter_statements",
    "load_model",
    "number_statements",
]
