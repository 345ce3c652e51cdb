"""Fill the database with a clearly marked synthetic dataset, to see how the site behaves at scale.

    manage.py generate_synthetic --countries 200 --laws 100 --news 500

Every country is named "Synthetic Country 017", sits in the region "Synthetic data (not real)" and has a code no
real country has (ISO 3166's user-assigned and unassigned two-letter codes, alpha-3 from the user-assigned QMA-QZZ);
every record's text says it is synthetic. Each country gets a whole profile: report sections, at-a-glance rows,
key indicators, rankings on the synthetic indices, treaty statuses, a constitution with articles and amendments,
`--laws` laws (with the report's list of laws, definitions, tax provisions, organizational forms, public
participation items), initiatives, barriers of every category citing laws and articles, sector figures, reports,
news items citing laws (`--news` in all), and an answer to every codebook question with its citation.

Rows are written with `bulk_create` in one transaction (no history records, no per-row signals); the response
cache's generation is bumped and the search index rebuilt at the end. A database holding any country that is not
synthetic is refused unless `--force`, and so is one that already holds synthetic countries (start from a fresh
database). Fixtures are never touched.
"""

import datetime
import itertools
import time
from decimal import Decimal

from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from codebook.models import Answer, AnswerType, Citation, Question
from core.cache import bump_generation
from core.choices import DatePrecision
from core.db import analyze
from countries.models import (
    AtAGlanceRow,
    Barrier,
    BarrierCategory,
    Country,
    CountryProfile,
    PublicParticipationItem,
    Section,
    SectionKind,
    SectorFigure,
)
from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawKind,
    LawListEntry,
    LawStatus,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm, TaxProvision
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore

NAME_PREFIX = "Synthetic Country "
REGION = "Synthetic data (not real)"
SLUG_PREFIX = "synthetic-"  # shared records (treaties, ranking indices) of the synthetic dataset
NOTE = "Synthetic record, generated for load testing; not real data."

# Two-letter codes no real country has: ISO 3166's user-assigned ranges first, then letters the standard leaves
# unassigned (every assigned, reserved or commonly used code under these first letters is left out).
_TAKEN = set(
    "JA JE JM JO JP OA OM QA WF WG WL WO WS WV XK YE YT YU YV ZA ZM ZR ZW UA UG UK UM UN US UY UZ "
    "HK HM HN HR HT HU VA VC VD VE VG VI VN VU".split()
)
CODES = [
    code
    for code in itertools.chain(
        (f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
        (f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        ["AA", "ZZ"],
        (f"{first}{c}" for first in "JOWYZUHV" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    )
    if code not in _TAKEN
]
CODES = list(dict.fromkeys(CODES))
ISO3 = [f"Q{a}{b}" for a in "MNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]  # user-assigned QMA-QZZ


def synthetic_countries():
    return Country.objects.filter(name__startswith=NAME_PREFIX, region=REGION)


def real_countries():
    return Country.objects.exclude(pk__in=synthetic_countries().values("pk"))


class Command(BaseCommand):
    help = "Build a clearly marked synthetic dataset (N countries with whole profiles) for load testing."

    def add_arguments(self, parser):
        parser.add_argument("--countries", type=int, default=200, help=f"at most {len(CODES)}")
        parser.add_argument("--laws", type=int, default=100, help="laws per country")
        parser.add_argument("--news", type=int, default=500, help="news items in all, dealt round the countries")
        parser.add_argument("--force", action="store_true", help="add to a database that holds real countries")

    def handle(self, *args, countries, laws, news, force, **options):
        if not 1 <= countries <= len(CODES):
            raise CommandError(f"--countries takes 1 to {len(CODES)} (codes no real country has)")
        if laws < 1 or news < 0:
            raise CommandError("--laws takes 1 or more, --news 0 or more")
        real = list(real_countries().values_list("iso2", flat=True)[:5])
        if real and not force:
            raise CommandError(
                f"This database holds real content (countries {', '.join(real)}...): refusing to add synthetic "
                "data to it. Use a scratch database, or --force to add it anyway (it is marked and can be removed)."
            )
        existing = synthetic_countries().count()
        if existing:
            raise CommandError(
                f"This database already holds {existing} synthetic countries: generate into a fresh database "
                "(migrate, optionally load_fixtures, then generate_synthetic)."
            )
        taken = set(real_countries().values_list("iso2", flat=True))
        codes = [code for code in CODES if code not in taken][:countries]
        if len(codes) < countries:
            raise CommandError(f"Only {len(codes)} synthetic codes are free in this database.")
        self.verbose = options["verbosity"] > 0
        self.started = time.perf_counter()
        self.written = 0
        with transaction.atomic():
            self.build(codes, laws, news)
        self.progress("Rebuilding the search index")
        call_command("rebuild_search_index", verbosity=options["verbosity"])
        analyze()  # the planner's statistics, for the data just loaded (core/db.py)
        bump_generation()
        self.progress(f"Done: {countries} synthetic countries, {self.written} rows")

    def progress(self, message):
        if self.verbose:
            self.stdout.write(f"[{time.perf_counter() - self.started:6.1f}s] {message}")

    def create(self, model, rows):
        model.objects.bulk_create(rows, batch_size=500)
        self.written += len(rows)
        return rows

    def link(self, field, pairs):
        """Many-to-many rows for `field` (e.g. Barrier.cited_laws) from (source, target) pairs."""
        through = field.through
        source_name = field.field.m2m_field_name() + "_id"
        target_name = field.field.m2m_reverse_field_name() + "_id"
        self.create(through, [through(**{source_name: a.pk, target_name: b.pk}) for a, b in pairs])

    # ------------------------------------------------------------------------------------------------ the data

    def build(self, codes, n_laws, n_news):
        treaties = self.create(
            Treaty,
            [
                Treaty(
                    slug=f"{SLUG_PREFIX}covenant-{n}", name=f"Synthetic Covenant {n}", abbreviation=f"SYN{n}",
                    kind=Treaty.Kind.INTERNATIONAL if n % 3 else Treaty.Kind.REGIONAL, order=900 + n,
                )
                for n in range(1, 6)
            ],
        )  # fmt: skip
        indices = self.create(
            RankingIndex,
            [
                RankingIndex(
                    slug=f"{SLUG_PREFIX}freedom-score", name="Synthetic Freedom Score", publisher="Synthetic data",
                    measure=RankingIndex.Measure.SCORE, scale_best=Decimal(100), scale_worst=Decimal(0), order=900,
                ),
                RankingIndex(
                    slug=f"{SLUG_PREFIX}fragility-rank", name="Synthetic Fragility Rank", publisher="Synthetic data",
                    measure=RankingIndex.Measure.RANK, scale_best=Decimal(len(codes)), scale_worst=Decimal(1),
                    order=901,
                ),
            ],
        )  # fmt: skip
        questions = list(Question.objects.all()) or self.create(
            Question,
            [
                Question(
                    key=f"synthetic_{kind}",
                    text=f"Synthetic question ({AnswerType(kind).label.lower()})",
                    answer_type=kind,
                    category=category,
                    coding_rules=NOTE,
                    order=900 + n,
                    unit="citizens" if kind == AnswerType.INTEGER else "",
                    choices=[{"value": "notification", "label": "Notification"}] if kind == AnswerType.CHOICE else [],
                )
                for n, (kind, category) in enumerate(
                    [(AnswerType.BOOLEAN, "entry"), (AnswerType.INTEGER, "entry"), (AnswerType.CHOICE, "assembly")]
                )
            ],
        )  # a database without the codebook's questions gets three synthetic ones

        countries = self.create(
            Country,
            [
                Country(
                    name=f"{NAME_PREFIX}{n:03d}", slug=f"synthetic-country-{n:03d}", iso2=code, iso3=ISO3[n - 1],
                    region=REGION,
                )
                for n, code in enumerate(codes, start=1)
            ],
        )  # fmt: skip
        self.progress(f"Wrote {len(countries)} countries")
        today = datetime.date(2024, 6, 1)
        self.create(
            CountryProfile,
            [
                CountryProfile(
                    country=c, title=f"Civic Freedom Monitor: {c.name} (synthetic)", last_updated=today,
                    overview=f"{NOTE} Civil society in {c.name} is *imaginary*.", source="Synthetic data generator",
                )
                for c in countries
            ],
        )  # fmt: skip
        rows = []
        for c in countries:
            for order, kind in enumerate(SectionKind.values):
                rows.append(
                    Section(
                        country=c, slug=f"section-{kind}", kind=kind, title=SectionKind(kind).label, order=order,
                        body=f"{NOTE} The {SectionKind(kind).label.lower()} of {c.name}: assembly, association "
                        "and expression are described here in synthetic words.",
                    )
                )  # fmt: skip
            for n in range(1, 4):
                rows.append(
                    AtAGlanceRow(country=c, slug=f"glance-{n}", label=f"Synthetic fact {n}", value=NOTE, order=n)
                )
        self.create(Section, [r for r in rows if isinstance(r, Section)])
        self.create(AtAGlanceRow, [r for r in rows if isinstance(r, AtAGlanceRow)])

        indicators = self.create(
            KeyIndicator,
            [
                KeyIndicator(
                    country=c, slug=f"population-{n}", name=f"Synthetic population {n}", value=Decimal(1_000_000 + i),
                    year=2023, is_estimate=True, order=n, source=NOTE,
                )
                for i, c in enumerate(countries)
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.create(
            IndicatorBreakdown,
            [
                IndicatorBreakdown(indicator=ind, slug=slug, label=label, value=Decimal(50))
                for ind in indicators
                for slug, label in (("urban", "Urban"), ("rural", "Rural"))
            ],
        )  # fmt: skip
        rankings = self.create(
            Ranking,
            [
                Ranking(country=c, index=indices[0], year=2023, score=Decimal(i % 100), printed_value=f"{i % 100}/100")
                for i, c in enumerate(countries)
            ]
            + [
                Ranking(country=c, index=indices[1], year=2023, rank=i + 1, printed_value=f"{i + 1} (2023)")
                for i, c in enumerate(countries)
            ],
        )  # fmt: skip
        self.create(
            RankingSubScore,
            [
                RankingSubScore(
                    ranking=r, slug="rights", name="Synthetic rights", score=Decimal(20), scale_best=Decimal(40),
                    scale_worst=Decimal(0),
                )
                for r in rankings
                if r.index_id == indices[0].pk
            ],
        )  # fmt: skip
        self.create(
            TreatyStatus,
            [
                TreatyStatus(country=c, treaty=t, ratified=bool((i + j) % 2), year=2000 + j if (i + j) % 2 else None)
                for i, c in enumerate(countries)
                for j, t in enumerate(treaties)
            ],
        )  # fmt: skip
        self.create(
            Resource,
            [
                Resource(
                    country=c, slug=f"resource-{n}", title=f"Synthetic report {n} on {c.name}", order=n,
                    kind=Resource.Kind.OTHER, url="https://example.org/synthetic-report",
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.progress(f"Wrote profiles, sections, indicators, rankings, treaties: {self.written} rows")

        # Laws: a constitution and --laws laws per country.
        laws = []
        for c in countries:
            laws.append(
                Law(
                    country=c, slug="constitution", title=f"Constitution of {c.name}", kind=LawKind.CONSTITUTION,
                    adopted_on=datetime.date(1995, 1, 1), adopted_precision=DatePrecision.YEAR,
                    status=LawStatus.IN_FORCE, summary=NOTE, order=0,
                )
            )  # fmt: skip
            for n in range(1, n_laws + 1):
                laws.append(
                    Law(
                        country=c, slug=f"law-{n}", title=f"Synthetic Law on Public Associations No. {n}",
                        kind=LawKind.LAW, adopted_on=datetime.date(1990 + n % 34, 1 + n % 12, 1 + n % 28),
                        adopted_precision=DatePrecision.DAY, status=LawStatus.IN_FORCE, order=n,
                        summary=f"{NOTE} Law {n} of {c.name} regulates assembly and association.",
                    )
                )  # fmt: skip
        self.create(Law, laws)
        self.progress(f"Wrote {len(laws)} laws")
        by_country = {}
        for law in laws:
            by_country.setdefault(law.country_id, []).append(law)

        def law_of(country_id, n):
            """The country's law number n (1-based, wrapping round its --laws laws)."""
            return by_country[country_id][1 + (n - 1) % n_laws]

        self.create(
            LawListEntry,
            [
                LawListEntry(country_id=law.country_id, position=law.order, law=law, printed_text=law.title)
                for law in laws
                if law.order
            ],
        )  # fmt: skip
        articles = self.create(
            ConstitutionalArticle,
            [
                ConstitutionalArticle(
                    country=c, constitution=by_country[c.pk][0], number=str(n), sort_key=n,
                    text=f"{NOTE} Article {n}: everyone has the right to synthetic freedom of association.",
                )
                for c in countries
                for n in range(1, 6)
            ],
        )  # fmt: skip
        articles_of = {}
        for a in articles:
            articles_of.setdefault(a.country_id, []).append(a)
        amendments = self.create(
            ConstitutionalAmendment,
            [
                ConstitutionalAmendment(
                    country=c, slug=f"amendment-{n}", package=ConstitutionalAmendment.Package.OTHER, number=n,
                    title=f"Synthetic amendment {n}", summary=NOTE, adopted_on=datetime.date(2022, n, 1),
                    adopted_precision=DatePrecision.MONTH, article_numbers=str(n), amending_law=law_of(c.pk, n),
                    order=n,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.link(
            ConstitutionalAmendment.articles,
            [(a, articles_of[a.country_id][a.number - 1]) for a in amendments],
        )
        initiatives = self.create(
            LegislativeInitiative,
            [
                LegislativeInitiative(
                    country=c, slug=f"initiative-{n}", title=f"Synthetic draft law {n}", order=n,
                    stage=LegislativeInitiative.Stage.DRAFTING, description=NOTE,
                    started_on=datetime.date(2023, n, 1), started_precision=DatePrecision.MONTH,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.link(LegislativeInitiative.related_laws, [(i, law_of(i.country_id, i.order)) for i in initiatives])
        self.create(
            LegalDefinition,
            [
                LegalDefinition(
                    country=c, slug=f"definition-{n}", term=f"Synthetic term {n}", definition=NOTE,
                    law=law_of(c.pk, n), order=n,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.create(
            OrganizationalForm,
            [
                OrganizationalForm(
                    country=c, slug=f"form-{n}", name=f"Synthetic association type {n}", law=law_of(c.pk, n),
                    description=NOTE, order=n,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.create(
            TaxProvision,
            [
                TaxProvision(
                    country=c, slug=f"tax-{n}", kind=TaxProvision.Kind.EXEMPTION, title=f"Synthetic exemption {n}",
                    summary=NOTE, law=law_of(c.pk, n), order=n,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        self.create(
            PublicParticipationItem,
            [
                PublicParticipationItem(
                    country=c, slug=f"pp-{n}", kind=PublicParticipationItem.Kind.INSTITUTION,
                    name=f"Synthetic public council {n}", order=n,
                )
                for c in countries
                for n in (1, 2)
            ],
        )  # fmt: skip
        barriers = self.create(
            Barrier,
            [
                Barrier(
                    country=c, slug=f"barrier-{n}", category=category, order=n,
                    title=f"Synthetic barrier: {BarrierCategory(category).label}",
                    summary=f"{NOTE} Unregistered assembly is prohibited.", narrative=NOTE,
                )
                for c in countries
                for n, category in enumerate(BarrierCategory.values, start=1)
            ],
        )  # fmt: skip
        self.link(Barrier.cited_laws, [(b, law_of(b.country_id, b.order)) for b in barriers])
        self.link(Barrier.cited_articles, [(b, articles_of[b.country_id][b.order % 5]) for b in barriers])
        self.create(
            SectorFigure,
            [
                SectorFigure(
                    country_id=b.country_id, slug=f"figure-{b.order}", metric="Synthetic minimum founders",
                    value=Decimal(10), printed_value="10", unit="citizens", section=SectionKind.BARRIERS, barrier=b,
                    sentence=f"{NOTE} A minimum of 10 founders.", order=b.order,
                )
                for b in barriers
            ]
            + [
                SectorFigure(
                    country=c, slug=f"registered-{year}", metric="Synthetic registered CSOs", value=Decimal(1000 * k),
                    printed_value=f"{1000 * k:,}", unit="organizations", section=SectionKind.OVERVIEW, order=0,
                    as_of=datetime.date(year, 1, 1), as_of_precision=DatePrecision.YEAR, sentence=NOTE,
                )
                for c in countries
                for k, year in enumerate((2010, 2016, 2023), start=1)
            ],
        )  # fmt: skip
        self.progress(f"Wrote the laws' records and barriers: {self.written} rows")

        answers = self.create(Answer, [self.answer(c, q) for c in countries for q in questions])
        self.create(
            Citation,
            [
                Citation(
                    answer=a, law=law_of(a.country_id, 1), pinpoint="Article 1", order=0,
                    quote=f"{NOTE} A public association may be founded by ten citizens.",
                )
                for a in answers
            ],
        )  # fmt: skip
        self.progress(f"Wrote {len(answers)} codebook answers")

        languages = [NewsItem.Language.ENGLISH, NewsItem.Language.RUSSIAN]
        items = []
        for n in range(1, n_news + 1):  # --news items in all, dealt round the countries, newest first
            c = countries[(n - 1) % len(countries)]
            day = datetime.date(2024, 6, 1) - datetime.timedelta(days=n)
            items.append(
                NewsItem(
                    country=c, slug=f"news-{n}", title=f"Synthetic news {n} from {c.name}", published_on=day,
                    date_precision=DatePrecision.DAY, printed_date=day.isoformat(), language=languages[n % 2],
                    summary=f"{NOTE} An assembly was held.", order=n,
                )
            )  # fmt: skip
        self.create(NewsItem, items)
        self.link(NewsItem.related_laws, [(i, law_of(i.country_id, i.order)) for i in items])
        self.progress(f"Wrote {len(items)} news items")

    @staticmethod
    def answer(country, question):
        values = {}
        if question.answer_type == AnswerType.BOOLEAN:
            values["value_boolean"] = True
        elif question.answer_type == AnswerType.CHOICE:
            values["value_text"] = next(iter(question.choice_labels), "")
        elif question.answer_type == AnswerType.TEXT:
            values["value_text"] = "Synthetic answer."
        else:
            values["value_number"] = Decimal(10)
            if question.answer_type == AnswerType.MONEY and not question.unit:
                values["unit"] = "SYN"
        return Answer(
            country=country, question=question, valid_from=datetime.date(2015, 1, 1),
            valid_from_precision=DatePrecision.YEAR, note=NOTE, **values,
        )  # fmt: skip
