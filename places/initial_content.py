"""Initial content of the places app, built only from facts in ../shared/seeds/.

The seeds name the four upper tier local authorities the partnerships were
aligned to in July 2022 (Blackburn with Darwen, Blackpool, Cumbria and
Lancashire) and name two councils (Blackpool Council, Lancashire County
Council); the other two authorities are given as the area the seeds name.
Websites, emails, phone numbers and addresses are not in the seeds, so they
are left blank for editors.

The seeds say there were previously five place-based partnerships (known as
Integrated Care Partnerships, ICPs) but do not name them, so no
FormerPartnership snippets are created: the index states the facts in prose
and its table appears once editors add the five (see docs/decisions/0010-*).
"""

from lscpartnerships.core.initial_content import CORE_AIMS

from .models import PlaceIndexPage, PlacePartnershipPage

INDEX_SUMMARY = (
    "In July 2022 the board of NHS Lancashire and South Cumbria decided to align the "
    "place-based partnerships to the four local authority boundaries: Blackburn with Darwen, "
    "Blackpool, Cumbria and Lancashire."
)
INDEX_INTRODUCTION = (
    "<p>A place-based partnership is a collaboration of planners and providers across health, "
    "local authority and the wider community, who take collective responsibility for improving "
    "the health and wellbeing of residents within a place. Most people’s day to day care and "
    "support needs will be met within a place and delivered in neighbourhoods.</p>"
)
HISTORY = (
    "<p>Place-based partnerships were previously known as Integrated Care Partnerships (ICPs) "
    "in Lancashire and South Cumbria. Within the Lancashire and South Cumbria Health and Care "
    "Partnership, there have previously been five place-based partnerships.</p>"
    "<p>In July 2022, the board made a decision to align the place-based partnerships to local "
    "authority boundaries, replacing the five with four partnerships: Blackburn with Darwen, "
    "Blackpool, South Cumbria and Lancashire. Work to implement this change is underway. One of "
    "the first stages was to appoint directors of health and care integration to lead each "
    "place-based partnership; they were appointed in August 2022.</p>"
)

# (slug, title, short title, local authority, director's name) in the seeds' order:
# the local authorities and the directors are listed in the same order (see
# docs/decisions/0010-director-place-mapping.md).
PLACES = [
    (
        "blackburn-with-darwen",
        "Blackburn with Darwen",
        "Blackburn with Darwen",
        "Claire Richardson",
    ),
    ("blackpool", "Blackpool", "Blackpool Council", "Karen Smith"),
    ("south-cumbria", "South Cumbria", "Cumbria", "Jane Scattergood"),
    ("lancashire", "Lancashire", "Lancashire County Council", "Louise Taylor"),
]


def place_summary(name, authority, director):
    if name == "South Cumbria":
        aligned = (
            "The place-based partnership for South Cumbria, one of the four partnerships aligned "
            "in July 2022 to the upper tier local authority boundaries; its local authority is "
            "Cumbria."
        )
    else:
        aligned = (
            f"The place-based partnership for {name}, one of the four partnerships aligned in "
            f"July 2022 to the upper tier local authority boundaries."
        )
    return f"{aligned} Its director of health and care integration is {director}."


def priorities():
    """Every place shares the core aims the seeds give for all place-based partnerships."""
    return [
        {"type": "heading", "value": {"text": "Core aims", "level": "2"}},
        {
            "type": "aims_list",
            "value": {
                "introduction": "The core aims of a place-based partnership are to:",
                "style": "bullet",
                "items": CORE_AIMS,
            },
        },
    ]


def load(loader):
    """Create the places index and the four places once (see core/loading.py)."""
    home = loader.home()
    index = loader.page(
        "places:index",
        home,
        PlaceIndexPage(
            title="The four place-based partnerships",
            slug="places",
            short_title="Places",
            show_in_menus=True,
            summary=INDEX_SUMMARY,
            introduction=INDEX_INTRODUCTION,
            history=HISTORY,
        ),
    )
    for slug, name, authority, director in PLACES:
        loader.page(
            f"places:{slug}",
            index,
            PlacePartnershipPage(
                title=f"{name} place-based partnership",
                short_title=name,
                slug=slug,
                summary=place_summary(name, authority, director),
                local_authority_name=authority,
                priorities=priorities(),
            ),
        )
