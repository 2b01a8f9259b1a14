"""Search relevance bench: MRR@5 and recall@5 of the site search on the demo content.

Run from the project root:

    .venv/bin/python bench/search_relevance.py [--set legacy|needs|all] [--min-mrr 0.85]
        [--verbose]

Seeds a throwaway SQLite database like ``bench/pages.py`` (bench settings, so the default
search backend: the database one), then sends each query of the set to the search page
of its language (``django.test.Client``, ``GET /recherche/?q=``, ``/en/recherche/`` for
English) and reads the ranked results:
the ``a.search-result__link`` anchors, in document order (promoted results and the place
block are outside that list). A query is answered at rank r when one of its expected
pages is the r-th result; MRR@5 is the mean of 1/r (0 beyond rank 5) and recall@5 the
share of a query's expected pages among its first 5 results, averaged over the queries.

Two sets: "legacy", the 79 queries of ``CASES``, and "needs", the queries of
``bench/data/relevance_needs.yaml``, written the way people describe their need; "all" is
both. The expected pages are what a person typing the query means, whatever the search
returns today. Prints the figures per category and overall, then the misses. Not a test: exits 0,
or 1 if a page failed or, with ``--min-mrr X``, if MRR@5 is below X.
"""

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script: import `bench.*` as a package, never this directory's modules as
    # top-level ones (bench/settings.py is not the `settings` module).
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

import yaml  # noqa: E402

from bench.pages import HOST, prepare_database, print_rows, versions  # noqa: E402
from bench.places import throwaway_env  # noqa: E402

SEARCH_URLS = {"fr": "/recherche/", "en": "/en/recherche/"}
NEEDS_FILE = PROJECT_DIR / "bench" / "data" / "relevance_needs.yaml"
SETS = ("legacy", "needs", "all")
RESULT_LINK_CLASS = "search-result__link"
CUTOFF = 5
TARGET_MRR = 0.85


def guides(*slugs: str) -> tuple[str, ...]:
    return tuple(f"/demarches/{slug}/" for slug in slugs)


def partner(slug: str) -> str:
    return f"/partenaires/{slug}/"


def maison(slug: str) -> str:
    return f"/maisons/{slug}/"


# Category: [(query as typed, expected page paths)], on the content of `seed_demo`.
CASES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "everyday words": [
        ("carte grise", guides("carte-grise")),
        ("passeport", guides("passeport")),
        ("permis de conduire", guides("permis-de-conduire")),
        ("chèque énergie", guides("cheque-energie")),
    ],
    "typos": [
        ("retraitte", guides("demande-retraite")),
        ("pasport", guides("passeport")),
        ("passport", guides("passeport")),
        ("imots", guides("declaration-revenus", "prelevement-source")),
        ("carte vital", guides("carte-vitale")),
        ("alocations familiales", guides("allocations-familiales")),
        ("aide juridictionelle", guides("aide-juridictionnelle")),
        ("declaraton de revenus", guides("declaration-revenus")),
    ],
    "acronyms": [
        ("apl", guides("aide-logement")),
        ("RSA", guides("rsa")),
        ("AAH", guides("mdph-aah")),
        ("CSS", guides("complementaire-sante-solidaire")),
        ("CNI", guides("carte-identite")),
        ("CEJ", guides("jeunes-mission-locale")),
    ],
    "synonyms": [
        ("CMU", guides("complementaire-sante-solidaire")),
        ("aide personnalisée au logement", guides("aide-logement")),
        ("certificat d'immatriculation", guides("carte-grise")),
        ("inscription pole emploi", guides("inscription-france-travail")),
        ("carte de sécu", guides("carte-vitale")),
        ("chômage", guides("inscription-france-travail", "actualisation-france-travail")),
        ("mutuelle gratuite", guides("complementaire-sante-solidaire")),
        ("pension de veuve", guides("retraite-reversion")),
    ],
    "accents & case": [
        ("cheque energie", guides("cheque-energie")),
        ("pension de reversion", guides("retraite-reversion")),
        ("prelevement a la source", guides("prelevement-source")),
        ("complementaire sante", guides("complementaire-sante-solidaire")),
        ("impots", guides("declaration-revenus", "prelevement-source")),
        ("prime d'activite", guides("prime-activite", "msa-prime-activite")),
        ("CARTE VITALE", guides("carte-vitale")),
    ],
    "plurals & word forms": [
        ("allocation familiale", guides("allocations-familiales")),
        ("aides au logement", guides("aide-logement")),
        ("logements sociaux", guides("logement-social")),
        ("remboursements", guides("remboursement-soins")),
        ("déclaration de grossesse", guides("declarer-naissance-caf")),
        ("déménager", guides("changement-adresse")),
    ],
    "apostrophes & hyphens": [
        ("l'APL", guides("aide-logement")),
        ("carte-grise", guides("carte-grise")),
        ("carte d’identité", guides("carte-identite")),
        ("prime d'activité", guides("prime-activite", "msa-prime-activite")),
        ("e-mail", guides("adresse-email")),
        ("france connect", guides("compte-franceconnect")),
    ],
    "questions": [
        ("comment refaire ma carte vitale", guides("carte-vitale")),
        ("je veux faire une demande de RSA", guides("rsa")),
        ("declarer mes revenus", guides("declaration-revenus")),
        ("j'ai perdu ma carte d'identité", guides("carte-identite")),
        (
            "comment toucher le chômage",
            guides("inscription-france-travail", "actualisation-france-travail"),
        ),
        ("aide pour payer mon loyer", guides("aide-logement")),
        ("comment changer mon taux de prélèvement", guides("prelevement-source")),
        ("j'ai acheté une voiture d'occasion", guides("carte-grise")),
        ("je serai absent le jour du vote", guides("procuration-vote")),
        ("quand faire ma demande de retraite", guides("demande-retraite")),
    ],
    "partners": [
        ("caf", (partner("caf"),)),
        ("msa", (partner("msa"),)),
        ("france travail", (partner("france-travail"),)),
        ("pole emploi", (partner("france-travail"),)),
        ("sécu", (partner("assurance-maladie"),)),
        ("securite sociale", (partner("assurance-maladie"),)),
        ("carsat", (partner("assurance-retraite"),)),
        ("mission locale", (partner("mission-locale"), *guides("jeunes-mission-locale"))),
    ],
    "maisons & communes": [
        ("Lodève", (maison("france-services-du-lodevois"),)),
        ("lodeve", (maison("france-services-du-lodevois"),)),
        ("34700", (maison("france-services-du-lodevois"),)),
        ("pezenas", (maison("france-services-de-pezenas"),)),
        ("France Services Bédarieux", (maison("france-services-de-bedarieux"),)),
        ("Clermont-l'Hérault", (maison("france-services-du-clermontais"),)),
        ("st pons de thomieres", (maison("france-services-minervois-caroux"),)),
        ("Avesnes sur Helpe", (maison("france-services-davesnes-sur-helpe"),)),
        (
            "Olargues",
            (
                maison("france-services-minervois-caroux-antenne-dolargues"),
                maison("bus-france-services-des-hauts-cantons"),
            ),
        ),
        (
            "bus france services",
            (maison("bus-france-services-des-hauts-cantons"), "/actualites/bus-france-services/"),
        ),
    ],
    "pages": [
        ("mentions légales", ("/mentions-legales/",)),
        ("accessibilité", ("/accessibilite/",)),
        ("données personnelles", ("/donnees-personnelles/",)),
        ("cookies", ("/donnees-personnelles/",)),
        ("qu'est-ce qu'une France Services", ("/le-reseau/",)),
        ("formation des agents", ("/actualites/formation-agents-2026/",)),
    ],
}


@dataclass(frozen=True)
class Case:
    category: str
    query: str
    expected: tuple[str, ...]
    language: str = "fr"


@dataclass(frozen=True)
class Outcome:
    case: Case
    status: int
    results: tuple[str, ...]  # paths of the ranked results on the first page

    @property
    def top(self) -> tuple[str, ...]:
        return self.results[:CUTOFF]

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected page among the top results, else None."""
        return next((i for i, path in enumerate(self.top, 1) if path in self.case.expected), None)

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0

    @property
    def recall(self) -> float:
        expected = set(self.case.expected)
        return len(expected & set(self.top)) / len(expected)


class ResultLinks(HTMLParser):
    """The ``href`` of the result anchors of a search page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and RESULT_LINK_CLASS in (attributes.get("class") or "").split():
            self.paths.append(urlsplit(attributes.get("href") or "").path)


def legacy_cases() -> list[Case]:
    return [
        Case(category, query, expected)
        for category, entries in CASES.items()
        for query, expected in entries
    ]


def needs_cases() -> list[Case]:
    categories = yaml.safe_load(NEEDS_FILE.read_text(encoding="utf-8"))["categories"]
    return [
        Case(category, entry["query"], tuple(entry["expected"]), entry.get("language", "fr"))
        for category, entries in categories.items()
        for entry in entries
    ]


def cases(chosen: str) -> list[Case]:
    """The cases of a set: "legacy", "needs" or "all" (their categories prefixed)."""
    if chosen == "all":
        return [
            Case(f"{name}: {case.category}", case.query, case.expected, case.language)
            for name, found in (("legacy", legacy_cases()), ("needs", needs_cases()))
            for case in found
        ]
    return legacy_cases() if chosen == "legacy" else needs_cases()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--min-mrr",
        type=float,
        help=f"exit 1 if the overall MRR@{CUTOFF} is below this (the target is {TARGET_MRR})",
    )
    parser.add_argument("--set", choices=SETS, default="legacy", help="the queries to send")
    parser.add_argument("--verbose", action="store_true", help="print every query's results")
    return parser.parse_args()


def run(all_cases: list[Case]) -> tuple[list[Outcome], list[str]]:
    """Query the search page in-process; the outcomes and the expected pages that do
    not answer 200 (a mistake in ``CASES`` or in the demo content)."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    try:
        expected = sorted({path for case in all_cases for path in case.expected})
        broken = [
            f"{path} (HTTP {status})"
            for path in expected
            if (status := client.get(path).status_code) != 200
        ]
        outcomes = []
        for case in all_cases:
            response = client.get(SEARCH_URLS[case.language], {"q": case.query})
            parser = ResultLinks()
            if response.status_code == 200:
                parser.feed(response.content.decode(response.charset or "utf-8"))
            outcomes.append(Outcome(case, response.status_code, tuple(parser.paths)))
    finally:
        connection.close()
    return outcomes, broken


def figures(outcomes: list[Outcome]) -> list[str]:
    return [
        str(len(outcomes)),
        f"{statistics.fmean(o.reciprocal_rank for o in outcomes):.3f}",
        f"{statistics.fmean(o.recall for o in outcomes):.3f}",
        str(sum(o.rank == 1 for o in outcomes)),
        str(sum(o.rank is not None for o in outcomes)),
    ]


def print_figures(outcomes: list[Outcome]) -> None:
    headers = [
        "category",
        "queries",
        f"MRR@{CUTOFF}",
        f"recall@{CUTOFF}",
        "first",
        f"in top {CUTOFF}",
    ]
    categories = list(dict.fromkeys(o.case.category for o in outcomes))
    rows = [
        [category, *figures([o for o in outcomes if o.case.category == category])]
        for category in categories
    ]
    sets = list(dict.fromkeys(c.split(": ")[0] for c in categories if ": " in c))
    for name in sets:  # --set all: each set's own figures
        chosen = [o for o in outcomes if o.case.category.startswith(f"{name}: ")]
        rows.append([f"{name} (all its categories)", *figures(chosen)])
    rows.append(["all", *figures(outcomes)])
    print_rows(headers, rows)


def describe(outcome: Outcome) -> str:
    case = outcome.case
    returned = ", ".join(outcome.top) or "(no result)"
    if outcome.status != 200:
        returned = f"HTTP {outcome.status}"
    return (
        f"  [{case.category}] {case.query!r}\n"
        f"      expected: {', '.join(case.expected)}\n"
        f"      top {CUTOFF}:    {returned}"
    )


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    all_cases = cases(args.set)
    print(versions())
    with throwaway_env("portal-relevance-bench-") as env:
        print(f"Preparing {env['SQLITE_PATH']}: migrate, seed_demo ...", flush=True)
        prepare_database(env)
        from django.conf import settings

        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        print(
            f"{len(all_cases)} queries of the set {args.set!r} on GET "
            f"{', '.join(SEARCH_URLS.values())}?q= (search backend {backend}) ..."
        )
        started = time.perf_counter()
        outcomes, broken = run(all_cases)
        elapsed = time.perf_counter() - started
    if broken:
        print(f"Expected pages that do not answer 200: {', '.join(broken)}", file=sys.stderr)
        return 1

    print(f"done in {elapsed:.1f} s")
    print_figures(outcomes)
    mrr = statistics.fmean(o.reciprocal_rank for o in outcomes)
    verdict = "met" if mrr >= TARGET_MRR else "NOT met"
    print(f"\nMRR@{CUTOFF} {mrr:.3f} (target >= {TARGET_MRR}: {verdict})")

    misses = [o for o in outcomes if o.rank is None]
    print(f"\nMisses (no expected page in the top {CUTOFF}): {len(misses)}")
    for outcome in misses:
        print(describe(outcome))
    partial = [o for o in outcomes if o.rank is not None and o.recall < 1]
    if partial:
        print(f"\nAnswered, but not every expected page in the top {CUTOFF}: {len(partial)}")
        for outcome in partial:
            print(describe(outcome))
    lower = [o for o in outcomes if o.rank is not None and o.rank > 1]
    if lower:
        print(f"\nAnswered below rank 1: {len(lower)}")
        for outcome in lower:
            print(f"  rank {outcome.rank}: [{outcome.case.category}] {outcome.case.query!r}")
    if args.verbose:
        print("\nEvery query:")
        for outcome in outcomes:
            print(f"  rank {outcome.rank or '-'}: {describe(outcome).lstrip()}")

    failed = [o for o in outcomes if o.status != 200]
    if failed:
        print(
            f"\nThe search page failed for {len(failed)} queries: "
            + ", ".join(f"{o.case.query!r} (HTTP {o.status})" for o in failed),
            file=sys.stderr,
        )
        return 1
    if args.min_mrr is not None and mrr < args.min_mrr:
        print(f"\nMRR@{CUTOFF} {mrr:.3f} is below --min-mrr {args.min_mrr}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
