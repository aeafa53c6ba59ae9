// Starts the NHS.UK frontend components (header menu, skip link, buttons...).
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
