"""Initial content of the core app: the home page, the narrative pages and the
footer pages. Every fact comes from ../shared/seeds/ (the 2022 page
"Developing place-based partnerships in Lancashire and South Cumbria")."""

from wagtail.models import Page

from .models import ContentPage, FooterLink, HomePage, SiteSettings

ORGANISATION = "NHS Lancashire and South Cumbria"

NHSEI_QUOTE = (
    "Every area is different, but common characteristics of the most successful are the full "
    "involvement of all partners who contribute to the place’s health and care; an important "
    "role for local councils (often through joint appointments or shared budgets); a leading "
    "role for clinical primary care leaders through primary care networks; and a clear, "
    "strategic relationship with health and wellbeing boards."
)
NHSEI_CITATION = (
    "“Integrating care: Next steps to building strong and effective integrated care systems "
    "across England”, NHSEI, November 2020"
)
CORE_AIMS = [
    "Improve the health and wellbeing of the population and reduce inequalities.",
    "Provide consistent, high quality services that remove unwarranted variation in outcomes.",
    "Consistently achieve national standards / targets across the sectors within the partnership.",
    "Maximise the use of a place-based financial allocation and resources.",
]
BOARD_DECISION = (
    "The board of NHS Lancashire and South Cumbria made a decision to align the place-based "
    "partnerships to the four local authority boundaries based on a paper presented at the "
    "board meeting on 27 July 2022. This decision was taken to promote and enable deeper "
    "integration and collaboration with health and social care in order to improve population "
    "health, hospital flow and discharges into the community."
)
ROLE = (
    "The role of place-based partnerships is integral to the future of the Lancashire and South "
    "Cumbria system achieving a collaborative approach to health inequalities and the wider "
    "determinants of health for our communities throughout the life course."
)
BEING_REVIEWED = (
    "As a result of a decision to change place-based partnership boundaries, this information "
    "is currently being reviewed and will be updated as these changes are implemented."
)


def rich(*paragraphs):
    return {"type": "rich_text", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def heading(text, level="2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def quote():
    return {"type": "quote", "value": {"quote": NHSEI_QUOTE, "citation": NHSEI_CITATION}}


def aims(introduction="The core aims of a place-based partnership are to:"):
    return {
        "type": "aims_list",
        "value": {"introduction": introduction, "style": "bullet", "items": CORE_AIMS},
    }


def load(loader):
    home = loader.once("core:home", HomePage, lambda: _create_home(loader))
    if home is None:
        return
    site = loader.default_site()

    pages = [
        (
            "core:what-is-a-place-based-partnership",
            ContentPage(
                title="What do we mean by a place-based partnership?",
                slug="what-is-a-place-based-partnership",
                summary=(
                    "What a place-based partnership is, what it was previously called and the "
                    "common purpose partnerships share."
                ),
                being_reviewed=True,
                being_reviewed_message=BEING_REVIEWED,
                body=[
                    rich(
                        "A place-based partnership is a collaboration of planners and providers "
                        "across health, local authority and the wider community, who take "
                        "collective responsibility for improving the health and wellbeing of "
                        "residents within a place. Most people’s day to day care and support "
                        "needs will be met within a place and delivered in neighbourhoods.",
                        "Place-based partnerships were previously known as Integrated Care "
                        "Partnerships (ICPs) in Lancashire and South Cumbria. Within the Lancashire "
                        "and South Cumbria Health and Care Partnership, there have previously been "
                        "five place-based partnerships.",
                        "In July 2022, we made a decision to align our place-based partnerships to "
                        "local authority boundaries. Work to implement this change is underway. One "
                        "of the first stages of this change is to appoint directors of health and "
                        "care integration to lead each place-based partnership.",
                    ),
                    heading("Belonging to a place"),
                    rich(
                        "Our partnerships will create a feeling of belonging to a place, where all "
                        "partners are valued and respected, and mutual support is offered to all "
                        "partners. This will be particularly significant in challenging times.",
                        "It is important to acknowledge that residents are co-partners in the "
                        "continued evolution of place-based partnerships, and that social movements "
                        "in communities can increase people’s ownership of their own health and "
                        "wellbeing and mobilise communities to support each other.",
                    ),
                    heading("Common purpose"),
                    rich(
                        "The common purpose of a place-based partnership is to enable collaboration "
                        "that will address specific place-based challenges and deliver within each "
                        "place the component parts of the integrated care strategy.",
                        "The document entitled “Integrating care: Next steps to building strong and "
                        "effective integrated care systems across England”, published by NHSEI in "
                        "November 2020 states that:",
                    ),
                    quote(),
                ],
            ),
        ),
        (
            "core:review-of-place-based-partnerships",
            ContentPage(
                title="Review of place-based partnerships and the board’s decision",
                slug="review-of-place-based-partnerships",
                summary=(
                    "On 27 July 2022 the board of NHS Lancashire and South Cumbria decided to align "
                    "the place-based partnerships to the four local authority boundaries."
                ),
                body=[
                    rich(BOARD_DECISION, ROLE),
                    heading("Directors of health and care integration"),
                    rich(
                        "In August 2022, four directors of health and care integration were "
                        "appointed by the Board and executive team of the ICB for Lancashire and "
                        "South Cumbria, in collaboration with the four upper tier local "
                        "authorities; Blackburn with Darwen, Blackpool, Cumbria and Lancashire.",
                        "The new directors are Claire Richardson, Karen Smith, Jane Scattergood and "
                        "Louise Taylor.",
                    ),
                    heading("Stakeholder briefing and questions"),
                    rich(
                        "A full stakeholder briefing regarding the review and the decision made is "
                        "available, alongside a set of frequently asked questions, which aims to "
                        "give colleagues and stakeholders answers to queries they may have."
                    ),
                ],
            ),
        ),
        (
            "core:core-aims",
            ContentPage(
                title="The core aims of a place-based partnership",
                slug="core-aims",
                summary="The four core aims every place-based partnership in Lancashire and South Cumbria works to.",
                body=[aims()],
            ),
        ),
        (
            "core:next-steps",
            ContentPage(
                title="Next steps",
                slug="next-steps",
                summary=(
                    "We will continue to keep colleagues, partners and members of the public "
                    "informed about any developments as early as possible."
                ),
                body=[
                    rich(
                        "We will continue to keep colleagues, partners and members of the public "
                        "informed about any developments as early as possible.",
                        'If you have any questions, please <a href="/contact-us/">contact us</a>.',
                    )
                ],
            ),
        ),
    ]
    made = [loader.page(key, home, page) for key, page in pages]

    def link_home_to_narrative():
        home.about_links = [
            {"type": "link", "value": {"page": page.pk, "description": ""}} for page in made if page
        ]
        home.save_revision().publish()

    loader.do_once("core:home:about-links", link_home_to_narrative)

    footer_pages = {
        "Accessibility statement": _accessibility_page(),
        "Contact us": _contact_page(),
        "Privacy": _privacy_page(),
        "Cookies": _cookies_page(),
    }
    created = {}
    for label, page in footer_pages.items():
        page.show_in_menus = False
        created[label] = loader.page(f"core:footer:{page.slug}", home, page)

    def footer_links():
        settings = SiteSettings.for_site(site)
        settings.organisation_name = ORGANISATION
        settings.save()
        for order, (label, page) in enumerate(created.items()):
            if page is not None:
                FooterLink.objects.create(
                    setting=settings, label=label, page=page, sort_order=order
                )

    loader.do_once("core:site-settings", footer_links)


def _create_home(loader):
    """Make the HomePage the default site's root, replacing Wagtail's welcome page."""
    root = loader.root()
    site = loader.default_site()
    welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
    if welcome is not None and welcome.numchild == 0:
        welcome.delete()
    home = HomePage(
        title="Place-based partnerships in Lancashire and South Cumbria",
        seo_title="Place-based partnerships",
        slug="home",
        summary=(
            "How health, local councils and communities in Lancashire and South Cumbria work "
            "together in four place-based partnerships."
        ),
        introduction=f"<p>{BOARD_DECISION}</p><p>{ROLE}</p>",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        from wagtail.models import Site

        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "Place-based partnerships"
        site.save()
    return home


def _accessibility_page():
    return ContentPage(
        title="Accessibility statement",
        slug="accessibility-statement",
        summary="How accessible this website is, and how to tell us about a problem.",
        body=[
            rich(
                "This website is run by NHS Lancashire and South Cumbria. We want as many people "
                "as possible to be able to use it. You should be able to change colours, zoom in "
                "up to 400% without the text spilling off the screen, navigate the whole website "
                "using just a keyboard, and listen to it using a screen reader.",
                "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to "
                "level AA. Every page is checked automatically in a real browser each time the "
                "website changes.",
            ),
            heading("Reporting accessibility problems"),
            rich(
                "If you find a problem with this website, or need information in a different "
                'format, please <a href="/contact-us/">contact us</a>.'
            ),
        ],
    )


def _contact_page():
    return ContentPage(
        title="Contact us",
        slug="contact-us",
        summary="How to contact NHS Lancashire and South Cumbria about place-based partnerships.",
        body=[
            rich(
                "If you have any questions about place-based partnerships in Lancashire and South "
                "Cumbria, please get in touch using the contact details on this page."
            ),
            {"type": "contact_details", "value": None},
        ],
    )


def _privacy_page():
    return ContentPage(
        title="Privacy",
        slug="privacy",
        summary="What this website does with information about you.",
        body=[
            rich(
                "This website does not ask visitors for personal information and does not use "
                "analytics or advertising services. Document downloads are counted without "
                "recording who downloaded them."
            )
        ],
    )


def _cookies_page():
    return ContentPage(
        title="Cookies",
        slug="cookies",
        summary="The cookies this website uses.",
        body=[
            rich(
                "This website does not set cookies for visitors reading its pages. Cookies are "
                "only set for staff who sign in to edit the website: one keeps them signed in "
                "and one protects forms against forgery. Both are strictly necessary."
            )
        ],
    )
