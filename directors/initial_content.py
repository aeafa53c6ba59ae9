"""Initial content of the directors app, built only from facts in ../shared/seeds/.

The seeds (the 2022 page, second version) say: "In August 2022, four directors
of health and care integration were appointed by the Board and executive team
of the ICB for Lancashire and South Cumbria, in collaboration with the four
upper tier local authorities; Blackburn with Darwen, Blackpool, Cumbria and
Lancashire", then list the four directors in that order with their
biographies. Which director leads which place follows that order, corroborated
by the biographies (docs/decisions/0010-director-place-mapping.md).

The seeds give the month of appointment, not the day, so the date is stored as
the 1st with month precision and shown as "August 2022". Photographs are not
available: each director gets a placeholder portrait of their initials, which
editors replace.
"""

import datetime

from wagtail.models import Collection, Page

from lscpartnerships.core.models import SiteImage

from .models import DirectorIndexPage, DirectorProfilePage
from .portraits import initials, placeholder_portrait

APPOINTED = datetime.date(2022, 8, 1)

INDEX_SUMMARY = (
    "In August 2022, four directors of health and care integration were appointed to lead "
    "the place-based partnerships in Blackburn with Darwen, Blackpool, Cumbria and Lancashire."
)
INDEX_INTRODUCTION = (
    "<p>The directors were appointed by the Board and executive team of the ICB for Lancashire "
    "and South Cumbria, in collaboration with the four upper tier local authorities; Blackburn "
    "with Darwen, Blackpool, Cumbria and Lancashire. Appointing them was one of the first "
    "stages of aligning the place-based partnerships to local authority boundaries.</p>"
)


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


DIRECTORS = [
    {
        "slug": "claire-richardson",
        "name": "Claire Richardson",
        "place": "blackburn-with-darwen",
        "place_name": "Blackburn with Darwen",
        "summary": (
            "Director of health and care integration for Blackburn with Darwen, appointed in "
            "August 2022. Claire has over 20 years' experience of leadership across the NHS and "
            "Local Government."
        ),
        "other_roles": [],
        "note": "",
        "biography": paragraphs(
            "Claire has over 20 years' experience of leadership at operational, strategic and "
            "executive levels, in jointly responsible roles across the NHS and Local Government. "
            "She has spent much of her career working in Blackburn with Darwen and across "
            "Pennine Lancashire.",
            "Currently Claire is Director of Strategic Commissioning and Director of Adult "
            "Social Services (DASS) at Rochdale Borough Council, where she leads the development "
            "of the Integrated Care Partnership with a strong focus on improving outcomes and "
            "reducing inequalities for residents as well as being responsible for Adult Social "
            "Care, multi-million-pound joint budgets, a large staff team and improvement of "
            "health and care services.",
            "Claire is passionate about improving the lives of local communities. She brings "
            "experience of building strong partnerships across health and care for adults and "
            "children, developing and delivering ambitious plans for transforming local health, "
            "wellbeing and care services, and improving outcomes and experience of our "
            "residents.",
        ),
    },
    {
        "slug": "karen-smith",
        "name": "Karen Smith",
        "place": "blackpool",
        "place_name": "Blackpool",
        "summary": (
            "Director of health and care integration for Blackpool, appointed in August 2022. "
            "Karen is director of adult social services at Blackpool Council and will be "
            "retaining that statutory role."
        ),
        "other_roles": [
            "Director of adult social services, Blackpool Council (statutory role retained "
            "alongside this one)",
            "Co-chair, All Age Autism Board",
            "Chair, Fylde Coast Health and Social Care Career Academy",
            "Co-chair, Blackpool Autism Partnership and Blackpool Learning Disability Partnership",
        ],
        "note": "",
        "biography": paragraphs(
            "Karen is currently director of adult social services at Blackpool Council and has "
            "worked for the Council for 21 years in adult social care and policy roles. Karen "
            "will be retaining her statutory director of adult services role and combining with "
            "health, through this role.",
            "Amongst her existing responsibilities, she is strategic lead for the integrated "
            "community learning disability service, and leads the council's input to hospital "
            "discharges through the integrated transfer of care hub as well as the integrated bed "
            "based intermediate care service at the ARC, reablement at home, and the council's "
            "input to mental health services.",
            "Karen is responsible for the council's own in house care services as well as "
            "external care providers; she has a lead role in market management and supporting "
            "quality in the regulated care sector on behalf of both NHS and local authority "
            "commissions. These are all areas where better outcomes are achieved for Blackpool's "
            "population when the NHS and Social Care work together.",
            "Karen also has extensive experience working in the voluntary sector, for both "
            "Citizen’s Advice and Shelter’s Housing Aid Centre. She is co-chair of All Age Autism "
            "Board, chair of Fylde Coast Health and Social Care Career Academy, co-chair of "
            "Blackpool Autism Partnership and Blackpool Learning Disability Partnership.",
            "Karen was born and brought up in Blackpool and, after 10 years away, returned in "
            "1992 to live, work and raise her family there. She is a Team GB middle distance "
            "triathlete, an avid live gig goer and a season ticket holder at Blackpool FC.",
        ),
    },
    {
        "slug": "jane-scattergood",
        "name": "Jane Scattergood",
        "place": "south-cumbria",
        "place_name": "South Cumbria",
        "summary": (
            "Director of health and care integration for South Cumbria, appointed in August "
            "2022. Jane is a nurse, midwife and health visitor who has led the Covid-19 "
            "Vaccination Programme in Lancashire and South Cumbria."
        ),
        "other_roles": [
            "Member of the Fitness to Practise panel, Nursing and Midwifery Council",
            "Standing member, NICE Quality Standards Advisory Committee",
            "Chair of ICON, a national programme to drive down the incidence of abusive head "
            "trauma in infancy",
            "Member, Cumbria Constabulary’s Ethics and Integrity Committee",
        ],
        "note": "",
        "biography": paragraphs(
            "Jane qualified as a registered nurse in 1990, a midwife in 1992 and a specialist "
            "community public health nurse (health visitor) in 2002.",
            "Jane was awarded the title Queens Nurse in 2019 and is an Honorary Member of the "
            "Faculty of Public Health. She sits on the Fitness to Practise panel of the Nursing "
            "and Midwifery Council and is a standing member of the NICE Quality Standards "
            "Advisory Committee. Jane has a special interest in maximising the contribution of "
            "nursing, nurses as leaders, public health nursing and professional regulation and "
            "discipline.",
            "Jane brings expertise in public health interventions for the population, "
            "particularly in the fields of maternity, early years and population screening "
            "programmes and has a special interest in quality assurance, quality improvement and "
            "demonstrating the impact of strategies and interventions. Jane is Chair of ICON, a "
            "national programme to drive down the incidence of abusive head trauma in infancy.",
            "Jane has led the Covid-19 Vaccination Programme in Lancashire and South Cumbria. "
            "Jane lives in South Cumbria and had worked clinically for many years in "
            "Barrow-in-Furness; in the community, in out of hours primary care and in acute care. "
            "Jane was a volunteer custody visitor at Barrow police station on behalf of the "
            "Police and Crime Commissioner for Cumbria and now sits as a member of Cumbria "
            "Constabulary’s Ethics and Integrity Committee.",
        ),
    },
    {
        "slug": "louise-taylor",
        "name": "Louise Taylor",
        "place": "lancashire",
        "place_name": "Lancashire",
        "summary": (
            "Director of health and care integration for Lancashire, appointed in August 2022. "
            "Louise is executive director of adult services, health and wellbeing at Lancashire "
            "County Council and will be retaining her statutory director of adult services role."
        ),
        "other_roles": [
            "Executive director of adult services, health and wellbeing, Lancashire County "
            "Council (statutory director of adult services role retained alongside this one)",
            "Chair, Adult Social Care and Health Partnership for Lancashire and South Cumbria",
        ],
        "note": (
            "Louise expects to take up post once she has appointed a deputy in the county council."
        ),
        "biography": paragraphs(
            "Louise is currently executive director of adult services, health and wellbeing at "
            "Lancashire County Council and chair of Adult Social Care and Health Partnership for "
            "Lancashire and South Cumbria. Louise will be retaining her statutory director of "
            "adult services role and combining with health, through this role.",
            "She has 25 years’ senior leadership experience, including 11 years’ experience "
            "working at director level in a local authority. She is statutory accountable "
            "officer for adult services for England’s fourth largest county council.",
            "She has delivered strategy and change programmes and played a key role in the "
            "Lancashire Resilience Forum during the Covid-19 pandemic, which co-ordinated "
            "services across health, local authorities and the voluntary sector.",
            "Louise is Lancashire born and bred and in her leisure time she reads, walks with "
            "Dave the collie and practices Pilates. Louise is a member of the Chorley and Leyland "
            "Methodist Circuit Leadership team.",
        ),
    },
]


def _portrait_collection(loader):
    def create():
        return Collection.get_first_root_node().add_child(name="Director portraits")

    return loader.once("directors:portraits-collection", Collection, create)


def _portrait(loader, name, collection):
    def create():
        image = SiteImage(
            title=f"Placeholder portrait: {name}",
            description=f"Placeholder portrait showing the initials {initials(name)}",
            file=placeholder_portrait(name),
            collection=collection or Collection.get_first_root_node(),
        )
        image.clean()  # alt text is required
        image.save()
        return image

    return loader.once(f"directors:portrait:{name.lower().replace(' ', '-')}", SiteImage, create)


def load(loader):
    """Create the directors index and profiles once, then link each director to
    their place (see core/loading.py)."""
    index = loader.page(
        "directors:index",
        loader.home(),
        DirectorIndexPage(
            title="Directors of health and care integration",
            slug="directors",
            short_title="Directors",
            show_in_menus=True,
            summary=INDEX_SUMMARY,
            introduction=INDEX_INTRODUCTION,
        ),
    )
    if index is None:
        return
    collection = _portrait_collection(loader)
    for director in DIRECTORS:
        name = director["name"]
        key = f"directors:{director['slug']}"
        # The portrait is made only with its profile, never for one already seeded.
        photo = None if loader.seeded(key) else _portrait(loader, name, collection)
        profile = loader.page(
            key,
            index,
            DirectorProfilePage(
                title=name,
                slug=director["slug"],
                summary=director["summary"],
                job_title=f"Director of Health and Care Integration, {director['place_name']}",
                photo=photo,
                appointment_date=APPOINTED,
                appointment_date_precision="month",
                other_roles=[{"type": "role", "value": role} for role in director["other_roles"]],
                biography=director["biography"],
                note=director["note"],
            ),
        )
        loader.do_once(
            f"directors:link:{director['slug']}",
            lambda profile=profile, place_key=f"places:{director['place']}": _link(
                loader, profile, place_key
            ),
        )


def _link(loader, profile, place_key):
    """Point the profile at its place (the place page shows its director through
    that link), publishing a new revision. Does nothing if an editor has deleted
    either page."""
    place = loader.get(place_key, Page)
    if profile is None or place is None:
        return
    profile.place_id = place.pk
    profile.save_revision(log_action=True).publish()
