"""Quality of the facts on a card: people, roles, organizations, locations, quotes and figures.

    python -m bench.quality_facts [--factru DIR] [--no-bare]

People, roles, organizations and locations are scored on factRuEval-2016's development half
(``../shared/eval/factru-dev``, MIT): each article's ``.txt`` goes through ``analyze_text`` and
the card is compared with the gold annotation. Quotes and figures are scored on our own
invented gold sets in ``tests/gold/`` (nothing there is copied from factru or the seeds).

Matching rules (entity level, documented here because the numbers depend on them):

* Gold people are the ``.coref`` entities whose objects are ``Person``; their name parts are
  the ``firstname``/``firstname1``/``patronymic``/``lastname``/``lastname1``/``nickname``
  values (nominative). Multi-word parts ("Ле Пен") are split into words.
* A card person *names* a gold person when every word of the card name is a form of one of
  the gold parts (equal after folding case and ё, sharing a pymorphy lemma, or sharing a stem:
  common prefix ≥ max(3, shorter length − 2)), and — when the gold person has a surname — one
  of the card words is the surname. "Владимир" alone does not name Владимир Путин.
* People precision/recall/F1: one-to-one matching (a card name used once, a gold person once,
  best candidates first); a second card entry for the same person is a false positive (an
  unmerged duplicate).
* Strict: the card name equals the gold full name exactly (the multiset of nominative parts,
  order free, case and ё folded, hyphens and apostrophes as word breaks on both sides —
  the gold lists "Жан-Мари" as the parts "Жан" and "Мари"; ``lastname1``/``nickname`` are
  alternatives, not parts). Gold parts are split into words for every rule ("О’Рейли").
  Strict P/R/F1 count a matched pair as a hit only if it is strict.
* Nominative share: of the matched pairs, those whose every card word equals some gold part
  exactly (a shorter form such as "Путин" for Владимир Путин counts if it is nominative).
* Gold errata: a few gold name parts are not nominative themselves ("Рамзану", "Егора") or
  misspell the text ("Бузака" for the text's "Бузакка", "Бурлускони" for "Берлускони").
  ``bench/factru_errata.tsv`` lists each with the text's words that show it; the column
  "card, gold errata" scores the same cards against the corrected names (a misspelled
  surname also made a found person a miss, so people F1 and roles can change too).
* Roles: gold = ``Occupation`` facts with a ``Position`` (``|`` separates alternatives of the
  same office). A stated role is found when the matched card person's role contains, as
  lemmas, every content word of one alternative, or its head (first noun) lemma equals the
  head lemma of one (the text's own words or a synonym sharing the head: "глава МИД" matches
  "глава"). Precision: card roles of matched people that match one of that person's gold
  positions, over all card roles of matched people (roles of people not in the gold are
  counted in people precision already).
* Organizations and locations: a gold ``Org`` entity is found when a card
  organization's lemma sequence equals, contains or lies inside the lemma sequence of one of
  its ``name`` values or of one of its mentions' text, the shorter covering at least half of
  the longer ("Верховный суд" for "Верховный суд Бангладеша"); ``Location`` against card
  locations; ``LocOrg`` (countries and cities acting as actors) against either list.
  Precision, by the same rule from the card's side: a card organization is right when it
  matches a gold ``Org`` or ``LocOrg`` entity, one-to-one (a largest matching, so a second
  name of the same gold entity, an unmerged duplicate, counts wrong); a card location likewise
  against ``Location`` and ``LocOrg``. An unmatched card entry is a false or mistyped one (a
  place given as an organization) — or one the annotators left out: they mark every named
  organization but not always one named by a descriptor ("эстонская полиция" is unmarked in
  one text, "власти Таиланда" marked in another), so precision is a lower bound.
* Bare natasha (reference line): segment + morph + NER + normalize, PER spans merged when a
  lone word equals the last word of a fuller name; ORG/LOC = span normal forms.

Quotes (``tests/gold/quotes.jsonl``): one article per line with its expected quotations
(``start`` = the first words of the quote) and speakers (``null`` = no speaker may be named).
Speaker precision = quotes given a speaker that is the right one / quotes given a speaker;
speaker recall = gold quotes with a speaker found with that speaker; false quotes = card quotes
that match no gold quote (headlines, names of things).

Figures (``tests/gold/figures.jsonl``): one text per line with all expected figures
(signed value, ``upper`` end of a range, unit); lines with no figures are the non-quantities
(scores, date ranges, anniversaries, ordinals, years, phones) that must yield nothing.
Sane = card figures that equal an expected one, one to one (a figure listed twice is sane
once) / card figures; found = expected figures present on the card / expected figures. The
headline goes in as the card's title (its figures merge with the body's).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (a worktree sits one level deeper)
FACTRU = next(
    (p / "shared/eval/factru-dev" for p in ROOT.parents if (p / "shared/eval").is_dir()),
    ROOT.parent / "shared" / "eval" / "factru-dev",
)
GOLD = ROOT / "tests" / "gold"
ERRATA = Path(__file__).with_name("factru_errata.tsv")  # name parts annotated not nominative

_NAME_PARTS = ("firstname", "firstname1", "patronymic", "lastname")
_ALT_PARTS = ("lastname1", "nickname")


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[\w]+(?:-[\w]+)*", text)]


# --- factRuEval reader -----------------------------------------------------------------------


@dataclass
class GoldPerson:
    parts: list[str]  # nominative words of the full name
    alternatives: list[str]  # other nominative words naming them
    surname: list[str]
    positions: list[list[str]] = field(default_factory=list)  # alternatives per fact


@dataclass
class GoldEntity:
    kind: str  # Org | Location | LocOrg
    names: list[str]


@dataclass
class GoldDoc:
    name: str
    text: str
    people: list[GoldPerson]
    entities: list[GoldEntity]


def _blocks(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    blocks, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def read_doc(txt: Path) -> GoldDoc:
    stem = txt.with_suffix("")
    text = txt.read_text("utf-8")
    spans: dict[str, tuple[int, int]] = {}
    for line in Path(f"{stem}.spans").read_text("utf-8").splitlines():
        f = line.split()
        if len(f) >= 4:
            spans[f[0]] = (int(f[2]), int(f[2]) + int(f[3]))
    objects: dict[str, tuple[str, str]] = {}  # id -> (type, text)
    for line in Path(f"{stem}.objects").read_text("utf-8").splitlines():
        f = line.split("#")[0].split()
        if len(f) < 3:
            continue
        ranges = [spans[s] for s in f[2:] if s in spans]
        surface = text[min(a for a, _ in ranges) : max(b for _, b in ranges)] if ranges else ""
        objects[f[0]] = (f[1], surface)
    people: dict[str, GoldPerson] = {}
    entities: list[GoldEntity] = []
    for block in _blocks(Path(f"{stem}.coref")):
        head = block[0].split()
        coref_id, members = head[0], [objects[o] for o in head[1:] if o in objects]
        kinds = Counter(kind for kind, _ in members)
        if not kinds:
            continue
        kind = kinds.most_common(1)[0][0]
        attrs: dict[str, list[str]] = {}
        for line in block[1:]:
            key, _, value = line.partition(" ")
            if value.strip():
                attrs.setdefault(key, []).append(value.strip())
        if kind == "Person":
            parts = [w for k in _NAME_PARTS for v in attrs.get(k, []) for w in v.split()]
            alts = [w for k in _ALT_PARTS for v in attrs.get(k, []) for w in v.split()]
            if not parts and not alts:
                continue
            surname = [w for v in attrs.get("lastname", []) for w in v.split()]
            people[coref_id] = GoldPerson(parts or alts, alts, surname)
        elif kind in {"Org", "Location", "LocOrg"}:
            names = attrs.get("name", []) + [surface for _, surface in members if surface]
            entities.append(GoldEntity(kind, names))
    for block in _blocks(Path(f"{stem}.facts")):
        if len(block[0].split()) < 2 or block[0].split()[1] != "Occupation":
            continue
        who = next((line.split()[1] for line in block if line.startswith("Who ")), None)
        position = next((line for line in block if line.startswith("Position ")), None)
        if who is None or position is None:
            continue
        person = people.get(who.removeprefix("obj"))
        if person is None:
            continue
        alternatives = [
            re.sub(r"^span\d+\s*", "", alt.strip()) for alt in position[9:].split("|")
        ]
        person.positions.append([a for a in alternatives if a])
    return GoldDoc(txt.stem, text, list(people.values()), entities)


def read_factru(directory: Path) -> list[GoldDoc]:
    return [read_doc(p) for p in sorted(directory.glob("*.txt"))]


def read_errata(path: Path = ERRATA) -> dict[str, dict[str, str]]:
    """Document → {annotated name part: its nominative}, from bench/factru_errata.tsv."""
    fixes: dict[str, dict[str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc, annotated, right, _evidence = line.split("\t")
            fixes.setdefault(doc, {})[annotated] = right
    return fixes


def with_errata(doc: GoldDoc, fixes: dict[str, dict[str, str]]) -> GoldDoc:
    """The document with its gold name parts corrected (roles and entities unchanged)."""
    fix = fixes.get(doc.name)
    if not fix:
        return doc

    def mend(parts: list[str]) -> list[str]:
        return [fix.get(part, part) for part in parts]

    people = [replace(p, parts=mend(p.parts), alternatives=mend(p.alternatives),
                      surname=mend(p.surname)) for p in doc.people]
    return replace(doc, people=people)


# --- matching --------------------------------------------------------------------------------


def _lemmas(word: str) -> set[str]:
    from digest import nlp

    return set(nlp.lemma_variants(word))


def same_word(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if a == b or _lemmas(a) & _lemmas(b):
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2)


def names_person(name: str, gold: GoldPerson) -> bool:
    card = words(name)
    if not card:
        return False
    pool = [w for p in gold.parts + gold.alternatives for w in words(p)]
    if not all(any(same_word(w, g) for g in pool) for w in card):
        return False
    if gold.surname:
        return any(same_word(w, s) for w in card for p in gold.surname for s in words(p))
    return True


def _name_words(text: str) -> list[str]:
    """Words of a name with hyphens and apostrophes as separators: the gold lists "Жан-Мари"
    as two parts, "О’Рейли" as one."""
    return [fold(w) for w in re.findall(r"\w+", text)]


def strict_name(name: str, gold: GoldPerson) -> bool:
    return Counter(_name_words(name)) == Counter(w for p in gold.parts for w in _name_words(p))


def nominative_name(name: str, gold: GoldPerson) -> bool:
    exact = {w for p in gold.parts + gold.alternatives for w in _name_words(p)}
    return all(w in exact for w in _name_words(name))


def match_people(names: list[str], gold: list[GoldPerson]) -> list[tuple[int, int]]:
    """One-to-one (card index, gold index) pairs; strict and longer matches first."""
    candidates = []
    for i, name in enumerate(names):
        for j, person in enumerate(gold):
            if names_person(name, person):
                rank = (not strict_name(name, person), -len(words(name)), i)
                candidates.append((rank, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return pairs


_FUNCTION_WORDS = {"в", "во", "на", "по", "при", "и", "из", "с", "со", "для", "от", "у"}


def _lemma(word: str) -> str:
    """pymorphy's first normal form, hyphenated words included ("премьер-министра")."""
    from digest import nlp

    forms = nlp.morph_vocab().parse(word)
    return fold(forms[0].normal_form) if forms else word


def lemma_seq(text: str) -> tuple[str, ...]:
    return tuple(_lemma(w) for w in words(text))


def _content_lemmas(text: str) -> set[str]:
    return {lemma for lemma in lemma_seq(text) if lemma not in _FUNCTION_WORDS}


def _head(text: str) -> str | None:
    """The first noun's lemma ("полномочный посол Италии" → "посол")."""
    from digest import nlp

    seq = [w for w in words(text) if w not in _FUNCTION_WORDS]
    for w in seq:
        forms = nlp.morph_vocab().parse(w)
        if forms and forms[0].tag.POS == "NOUN":
            return _lemma(w)
    return _lemma(seq[0]) if seq else None


def entity_found(gold_keys: set[tuple[str, ...]], card_keys: set[tuple[str, ...]]) -> bool:
    """Equal lemma sequences, or one inside the other covering at least half of the longer
    ("Верховный суд" for "Верховный суд Бангладеша"; "русская служба «Голос Америки»")."""
    for g in gold_keys:
        for c in card_keys:
            if not g or not c:
                continue
            short, long_ = (g, c) if len(g) <= len(c) else (c, g)
            if 2 * len(short) < len(long_):
                continue
            if any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
                return True
    return False


def max_matching(options: list[list[int]]) -> dict[int, int]:
    """A largest one-to-one matching {left: right} given each left item's candidates
    (augmenting paths; the lists are a few dozen items)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(options)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def role_matches(role: str, positions: list[list[str]]) -> bool:
    have = _content_lemmas(role)
    head = _head(role)
    for alternatives in positions:
        for alt in alternatives:
            want = _content_lemmas(alt)
            if want and want <= have:
                return True
            if head and head == _head(alt):
                return True
    return False


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    hit: int = 0
    strict: int = 0
    nominative: int = 0
    roles_gold: int = 0
    roles_found: int = 0
    roles_given: int = 0
    roles_right: int = 0
    org_gold: int = 0
    org_found: int = 0
    loc_gold: int = 0
    loc_found: int = 0
    org_pred: int = 0
    org_right: int = 0
    loc_pred: int = 0
    loc_right: int = 0
    entity_errors: dict[str, list[str]] = field(default_factory=dict)
    role_errors: list[str] = field(default_factory=list)
    name_errors: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(
    tally: Tally,
    doc: GoldDoc,
    people: list[tuple[str, str | None]],
    orgs: list[str],
    locs: list[str],
) -> None:
    names = [n for n, _ in people]
    pairs = match_people(names, doc.people)
    tally.pred += len(names)
    tally.gold += len(doc.people)
    tally.hit += len(pairs)
    matched_gold = {j for _, j in pairs}
    matched_card = {i for i, _ in pairs}
    for i, j in pairs:
        name, role = people[i]
        gold = doc.people[j]
        if strict_name(name, gold):
            tally.strict += 1
        if nominative_name(name, gold):
            tally.nominative += 1
        else:
            tally.name_errors.append(f"{doc.name}: {name!r} ≠ {' '.join(gold.parts)!r}")
        if role:
            tally.roles_given += 1
            if role_matches(role, gold.positions):
                tally.roles_right += 1
            else:
                tally.role_errors.append(
                    f"{doc.name}: {name}: {role!r} (gold {gold.positions or 'none'})"
                )
        for positions in gold.positions:
            tally.roles_gold += 1
            if role and role_matches(role, [positions]):
                tally.roles_found += 1
    for j, gold in enumerate(doc.people):
        if j not in matched_gold:
            tally.missed.append(f"{doc.name}: {' '.join(gold.parts)}")
            tally.roles_gold += len(gold.positions)
    for i, name in enumerate(names):
        if i not in matched_card:
            tally.extra.append(f"{doc.name}: {name}")
    org_keys = {lemma_seq(o) for o in orgs}
    loc_keys = {lemma_seq(loc) for loc in locs}
    errors = tally.entity_errors
    gold_keys = [{lemma_seq(n) for n in entity.names} for entity in doc.entities]
    for entity, keys in zip(doc.entities, gold_keys, strict=True):
        if entity.kind == "Org":
            tally.org_gold += 1
            found = entity_found(keys, org_keys)
            tally.org_found += found
        else:
            tally.loc_gold += 1
            pool = loc_keys | org_keys if entity.kind == "LocOrg" else loc_keys
            found = entity_found(keys, pool)
            tally.loc_found += found
        if not found:
            label = "missed organizations" if entity.kind == "Org" else "missed locations"
            errors.setdefault(label, []).append(f"{doc.name}: {entity.kind} {entity.names[:2]}")
    for label, names, kinds in (
        ("false organizations", orgs, {"Org", "LocOrg"}),
        ("false locations", locs, {"Location", "LocOrg"}),
    ):
        options = [
            [
                j
                for j, entity in enumerate(doc.entities)
                if entity.kind in kinds and entity_found(gold_keys[j], {lemma_seq(name)})
            ]
            for name in names
        ]
        matched = max_matching(options)
        right = len(matched)
        errors.setdefault(label, []).extend(
            f"{doc.name}: {name}" for i, name in enumerate(names) if i not in matched
        )
        if label == "false organizations":
            tally.org_pred += len(names)
            tally.org_right += right
        else:
            tally.loc_pred += len(names)
            tally.loc_right += right


def card_facts(text: str):
    from digest.analyze import analyze_text

    card = analyze_text(text)
    people = [(p.name, p.role) for p in card.people]
    return people, [e.name for e in card.organizations], [e.name for e in card.locations]


def bare_facts(text: str):
    """natasha alone: PER normal forms, lone words merged into a fuller name ending in them."""
    from digest import nlp

    doc = nlp.parse_doc(text)
    per = [s.normal for s in doc.spans if s.type == "PER" and s.normal]
    full = {n for n in per if len(n.split()) > 1}
    names: dict[str, None] = {}
    for n in per:
        if len(n.split()) == 1:
            target = next((f for f in full if fold(f.split()[-1]) == fold(n)), None)
            n = target or n
        names.setdefault(n, None)
    orgs = list(dict.fromkeys(s.normal for s in doc.spans if s.type == "ORG" and s.normal))
    locs = list(dict.fromkeys(s.normal for s in doc.spans if s.type == "LOC" and s.normal))
    return [(n, None) for n in names], orgs, locs


def factru_tally(docs: list[GoldDoc], extract) -> Tally:
    tally = Tally()
    for doc in docs:
        people, orgs, locs = extract(doc.text)
        score_doc(tally, doc, people, orgs, locs)
    return tally


def factru_rows(t: Tally) -> dict[str, str]:
    p, r, f = prf(t.hit, t.pred, t.gold)
    _, _, sf = prf(t.strict, t.pred, t.gold)
    rp = t.roles_right / t.roles_given if t.roles_given else 0.0
    rr = t.roles_found / t.roles_gold if t.roles_gold else 0.0
    return {
        "people F1 (P, R)": f"{f:.3f} (P {p:.3f}, R {r:.3f})",
        "people strict F1": f"{sf:.3f}",
        "matched names exactly nominative": f"{t.nominative / t.hit if t.hit else 0:.3f}",
        "stated role recall at precision": f"{rr:.3f} at {rp:.3f} ({t.roles_found}/{t.roles_gold})",
        "organizations / locations recall": (
            f"{t.org_found / t.org_gold:.3f} / {t.loc_found / t.loc_gold:.3f}"
        ),
        "organizations / locations precision": (
            f"{t.org_right / t.org_pred if t.org_pred else 0:.3f} / "
            f"{t.loc_right / t.loc_pred if t.loc_pred else 0:.3f}"
            f" ({t.org_pred} / {t.loc_pred} on cards)"
        ),
    }


# --- quotes and figures gold sets -------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _quote_key(text: str) -> str:
    return " ".join(words(text))


def score_quotes(items: list[dict]) -> dict[str, float | int]:
    from digest.analyze import analyze_text

    given = right = gold_speakers = found = gold_total = quote_found = false = 0
    for item in items:
        card = analyze_text(item["text"], title=item.get("title"), published=item.get("published"))
        quotes = [(_quote_key(q.text), q.speaker) for q in card.quotes]
        used: set[int] = set()
        for expected in item["quotes"]:
            gold_total += 1
            start = _quote_key(expected["start"])
            hit = next(
                (k for k, (text, _) in enumerate(quotes) if k not in used and start in text), None
            )
            speaker = expected.get("speaker")
            if speaker:
                gold_speakers += 1
            if hit is None:
                continue
            used.add(hit)
            quote_found += 1
            card_speaker = quotes[hit][1]
            if card_speaker:
                given += 1
                if speaker and fold(card_speaker) == fold(speaker):
                    right += 1
            if speaker and card_speaker and fold(card_speaker) == fold(speaker):
                found += 1
        for k, (_, card_speaker) in enumerate(quotes):
            if k not in used:
                false += 1
                given += bool(card_speaker)
    return {
        "gold quotes": gold_total,
        "quotes found": quote_found,
        "speaker precision": right / given if given else 0.0,
        "speakers right": found,
        "gold speakers": gold_speakers,
        "false quotes": false,
    }


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _figure_equal(card, expected: dict) -> bool:
    """Same signed value, same upper end of a range (none if not a range), same unit."""
    upper = expected.get("upper")
    return (
        _close(card.value, float(expected["value"]))
        and _close(getattr(card, "upper", None), None if upper is None else float(upper))
        and fold(card.unit) == fold(expected["unit"])
    )


def score_figures(items: list[dict]) -> dict[str, float | int]:
    """Figures of a headline and its body sentences, as the card reads them (the texts are too
    short for a whole card). Matching is one to one: a figure listed twice (the headline's and
    the body's wording of one amount) counts once as sane and once as not."""
    from digest.figures import extract_figures
    from digest.sentences import split_sentences

    card_total = sane = expected_total = found = 0
    for item in items:
        figures = extract_figures(
            [s.text for s in split_sentences(item["text"])], title=item.get("title")
        )
        expected = item["figures"]
        expected_total += len(expected)
        card_total += len(figures)
        unclaimed = list(expected)
        for f in figures:
            hit = next((e for e in unclaimed if _figure_equal(f, e)), None)
            if hit is not None:
                unclaimed.remove(hit)
                sane += 1
        found += sum(any(_figure_equal(f, e) for f in figures) for e in expected)
    return {
        "card figures": card_total,
        "sane": sane,
        "expected": expected_total,
        "found": found,
    }


# --- report ----------------------------------------------------------------------------------


def _print_table(columns: dict[str, dict[str, str]]) -> None:
    rows = list(next(iter(columns.values())))
    width = max(len(r) for r in rows) + 2
    heads = list(columns)
    sizes = {h: max(len(h), *(len(v) for v in columns[h].values())) for h in heads}
    print("| figure".ljust(width + 2) + "| " + " | ".join(h.ljust(sizes[h]) for h in heads) + " |")
    for row in rows:
        cells = " | ".join(columns[h].get(row, "").ljust(sizes[h]) for h in heads)
        print(f"| {row}".ljust(width + 2) + f"| {cells} |")


def report(factru: Path = FACTRU, *, bare: bool = True, verbose: bool = False) -> None:
    """Print the facts table: factru-dev people/roles/ORG/LOC, then quotes and figures."""
    if factru.is_dir():
        docs = read_factru(factru)
        extract = cache(card_facts)  # the errata column scores the same cards again
        card = factru_tally(docs, extract)
        fixes = read_errata()
        mended = factru_tally([with_errata(d, fixes) for d in docs], extract)
        gold_people = sum(len(d.people) for d in docs)
        print(f"factru-dev: {len(docs)} articles, {gold_people} people, "
              f"{card.roles_gold} stated offices; gold errata: "
              f"{sum(map(len, fixes.values()))} name parts in {len(fixes)} articles "
              f"(bench/factru_errata.tsv)")
        columns = {"card": factru_rows(card), "card, gold errata": factru_rows(mended)}
        if bare:
            columns["bare natasha"] = factru_rows(factru_tally(docs, bare_facts))
        _print_table(columns)
        if verbose:
            for title, rows in (
                ("missed people", card.missed), ("extra people", card.extra),
                ("names not nominative", card.name_errors), ("wrong roles", card.role_errors),
                *card.entity_errors.items(),
            ):
                print(f"\n{title} ({len(rows)}):")
                for row in rows:
                    print("  " + row)
    else:
        print(f"factru-dev not found at {factru}: people/roles skipped")
    quotes_path, figures_path = GOLD / "quotes.jsonl", GOLD / "figures.jsonl"
    if quotes_path.exists():
        q = score_quotes(read_jsonl(quotes_path))
        print(
            f"\nquotes (tests/gold): {q['quotes found']}/{q['gold quotes']} found; speakers right "
            f"{q['speakers right']}/{q['gold speakers']}, speaker precision "
            f"{q['speaker precision']:.3f}; false quotes {q['false quotes']}"
        )
    if figures_path.exists():
        f = score_figures(read_jsonl(figures_path))
        print(
            f"figures (tests/gold): sane {f['sane']}/{f['card figures']}, "
            f"found {f['found']}/{f['expected']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factru", type=Path, default=FACTRU)
    parser.add_argument("--no-bare", action="store_true", help="skip the bare natasha line")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the errors")
    args = parser.parse_args()
    report(args.factru, bare=not args.no_bare, verbose=args.verbose)


if __name__ == "__main__":
    main()
