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
        from django.conf import settings
        from wagtail.models import Site

        from lscpartnerships.core.sites import parse_site_base_url

        _, _, hostname, port = parse_site_base_url(settings.SITE_BASE_URL)
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "Place-based partnerships"
        site.save()
    return home


def _accessibility_page():
    """The accessibility statement, following the GOV.UK model statement and
    regulation 7 of the Public Sector Bodies (Websites and Mobile Applications)
    (No. 2) Accessibility Regulations 2018. It states only what is true of this
    website; it routes requests to the Contact us page, whose contact details
    editors keep in Site settings."""
    from datetime import date

    prepared = date(2026, 11, 24)

    def html(markup):
        return {"type": "rich_text", "value": markup}

    return ContentPage(
        title="Accessibility statement",
        slug="accessibility-statement",
        summary=(
            "How accessible this website is, what is not yet accessible, how to ask for "
            "information in another format and how to report a problem."
        ),
        last_reviewed=prepared,
        next_review_due=date(2027, 11, 24),
        body=[
            rich(
                "This accessibility statement applies to the place-based partnerships website of "
                f"{ORGANISATION}.",
                f"This website is run by {ORGANISATION}. We want as many people as possible to "
                "be able to use this website. For example, that means you should be able to:",
            ),
            html(
                "<ul>"
                "<li>change colours, contrast levels and fonts using browser or device settings</li>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>navigate the whole website using just a keyboard</li>"
                "<li>navigate most of the website using speech recognition software</li>"
                "<li>listen to the website using a screen reader</li>"
                "<li>read every page with JavaScript switched off</li>"
                "</ul>"
                "<p>We’ve also made the website text as simple as possible to understand.</p>"
            ),
            heading("How accessible this website is"),
            rich(
                "We know some parts of this website are not fully accessible:",
            ),
            html(
                "<ul>"
                "<li>some documents, such as the PDF versions of stakeholder briefings, may not be "
                "fully accessible to screen reader software; the same information is published "
                "as a web page</li>"
                "<li>websites we link to are not run by us and may not be accessible</li>"
                "</ul>"
            ),
            heading("Feedback and contact information"),
            html(
                "<p>If you need information on this website in a different format like accessible "
                "PDF, large print, easy read, audio recording or braille, use the details on "
                '<a href="/contact-us/">our Contact us page</a>.</p>'
                "<p>We’ll consider your request and get back to you in 10 working days.</p>"
            ),
            heading("Reporting accessibility problems with this website"),
            html(
                "<p>We’re always looking to improve the accessibility of this website. If you "
                "find any problems not listed on this page or think we’re not meeting "
                "accessibility requirements, tell us using the details on "
                '<a href="/contact-us/">our Contact us page</a>.</p>'
            ),
            heading("Enforcement procedure"),
            html(
                "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
                "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018 (the ‘accessibility regulations’). If you’re not "
                "happy with how we respond to your complaint, contact the "
                '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and '
                "Support Service (EASS)</a>.</p>"
                "<p>If you live in Northern Ireland and you’re not happy with how we respond to "
                "your complaint, contact the "
                '<a href="https://www.equalityni.org/Home">Equality Commission for Northern '
                "Ireland (ECNI)</a>, which enforces the accessibility regulations in Northern "
                "Ireland.</p>"
            ),
            heading("Technical information about this website’s accessibility"),
            rich(
                f"{ORGANISATION} is committed to making its website accessible, in accordance "
                "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                "Accessibility Regulations 2018."
            ),
            heading("Compliance status", "3"),
            rich(
                "This website is partially compliant with the Web Content Accessibility "
                "Guidelines version 2.2 AA standard, due to the non-compliances listed below. "
                "Every web page meets the standard in the automated and keyboard checks "
                "described under “How we tested this website”."
            ),
            heading("Non-accessible content"),
            rich(
                "The content listed below is non-accessible for the following reasons.",
            ),
            heading("Non-compliance with the accessibility regulations", "3"),
            rich(
                "Some PDF documents, such as versions of stakeholder briefings, may not be tagged "
                "so that screen readers can follow their headings, lists and tables. This may "
                "fail WCAG 2.2 success criterion 1.3.1 (Info and Relationships) and 4.1.2 (Name, "
                "Role, Value). Each briefing is also published as a web page that meets the "
                "standard, and you can ask for a document in another format. When we publish "
                "new documents we’ll make sure they meet accessibility standards.",
            ),
            heading("Disproportionate burden", "3"),
            rich(
                "We are not claiming that fixing any accessibility problem on this website would "
                "be a disproportionate burden."
            ),
            heading("Content that’s not within the scope of the accessibility regulations", "3"),
            rich(
                "Websites we link to, such as those of partner organisations, are not run by us. "
                "Their own accessibility statements say how accessible they are."
            ),
            heading("What we’re doing to improve accessibility"),
            rich(
                "Every change to this website is checked before it is published, as described "
                "below, and a change that makes any page fail the checks is not released. The "
                "editors who publish content cannot save an image without alternative text, a "
                "link whose text does not say where it goes, or headings that skip a level, and "
                "they see the same accessibility checks in the editor before they publish."
            ),
            heading("Preparation of this accessibility statement"),
            rich(
                "This statement was prepared on 24 November 2026. It was last reviewed on "
                "24 November 2026.",
            ),
            heading("How we tested this website", "3"),
            rich(
                "This website was last tested on 24 November 2026. It is tested automatically "
                "each time it changes, by the team that builds it.",
                "Every page the website lists for search engines, plus the page-not-found page, "
                "search results and filtered listings, is checked in the Chromium web browser "
                "with the axe-core accessibility engine against the WCAG 2.2 A and AA success "
                "criteria, colour contrast included. Further automated browser checks make "
                "sure that on every page:",
            ),
            html(
                "<ul>"
                "<li>every link, button and expander can be reached with the Tab key, in a "
                "sensible order, with a visible focus indicator</li>"
                "<li>the “Skip to main content” link works, and expanders open with the Enter "
                "and Space keys</li>"
                "<li>nothing scrolls sideways at 320 pixels wide (400% zoom)</li>"
                "<li>content and navigation work with JavaScript switched off</li>"
                "<li>there is one main heading and no heading level is skipped</li>"
                "<li>images have alternative text, and link texts make sense on their own</li>"
                "<li>animation is switched off for people who ask their device to reduce "
                "motion, and printed pages leave out the navigation and show link addresses</li>"
                "</ul>"
                "<p>Automated checks cannot find every problem, which is why we welcome your "
                "feedback.</p>"
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
