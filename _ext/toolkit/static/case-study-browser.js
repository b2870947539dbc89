/* The case study browser: narrows and sorts the full list of case studies
 * (and the matrix's rows, when the page shows it) by sector, success factor,
 * channel and year.  The front matter comes from the page's data island
 * (#case-study-data, written by _ext/toolkit/case_study_browser.py); items
 * are matched to it by their links.  The chosen view is kept in the address
 * (?sector=government&factor=leadership&sort=organisation), so it can be
 * shared and a reload shows it again.  Plain JavaScript, no libraries;
 * without it the page is the full list. */
(() => {
  "use strict";

  const island = document.getElementById("case-study-data");
  const list = document.querySelector("ul.case-study-list");
  if (!island || !list) return;
  let data;
  try {
    data = JSON.parse(island.textContent);
  } catch {
    return; // never expected: leave the full list as it is
  }

  const caseAt = new Map(
    data.cases.map((item) => [new URL(item.href, document.baseURI).href, item]));
  const matched = (elements, linkSelector) => elements
    .map((element) => ({element, item: caseAt.get(element.querySelector(linkSelector)?.href)}))
    .filter((entry) => entry.item);
  const listed = matched([...list.children], "a[href]");
  const tbody = document.querySelector(".success-factor-matrix tbody");
  const rows = tbody ? matched([...tbody.rows], "th a[href]") : [];
  if (!listed.length) return;

  // The filters: what each one reads of a case, and its choices (only the
  // values some case has, in the order the labels give).
  const present = (values) => new Set(data.cases.flatMap(values));
  const filters = [
    {name: "sector", label: "Sector", any: "All sectors",
     values: (item) => [item.sector], labels: data.labels.sector},
    {name: "factor", label: "Success factor", any: "All success factors",
     values: (item) => item.factors, labels: data.labels.factor},
    {name: "channel", label: "Channel", any: "All channels",
     values: (item) => item.channels, labels: data.labels.channel},
    {name: "year", label: "Year", any: "All years",
     values: (item) => [String(item.year)],
     labels: Object.fromEntries([...present((item) => [String(item.year)])]
       .sort().map((year) => [year, year]))},
  ];
  for (const filter of filters) {
    const found = present(filter.values);
    filter.choices = Object.entries(filter.labels).filter(([value]) => found.has(value));
  }
  const byOrganisation = (a, b) => a.organisation.localeCompare(b.organisation, "en-NZ") ||
    a.title.localeCompare(b.title, "en-NZ");
  const sorts = {
    year: {label: "Year, oldest first", compare: (a, b) => a.year - b.year || byOrganisation(a, b)},
    "year-newest": {label: "Year, newest first",
                    compare: (a, b) => b.year - a.year || byOrganisation(a, b)},
    organisation: {label: "Organisation, A to Z", compare: byOrganisation},
  };
  const defaultSort = "year"; // the order the toolkit writes the list in

  // -- The form ---------------------------------------------------------------
  const make = (tag, properties = {}, children = []) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };
  const field = (name, label, options) => {
    const id = `csb-${name}`; // one form on the page: the name is unique
    const select = make("select", {id, name},
      options.map(([value, text]) => make("option", {value, textContent: text})));
    return {select, element: make("div", {className: "csb-field"}, [
      make("label", {htmlFor: id, textContent: label}), select])};
  };
  const fields = {};
  for (const filter of filters) {
    fields[filter.name] = field(filter.name, filter.label, [["", filter.any], ...filter.choices]);
  }
  fields.sort = field("sort", "Sort by",
    Object.entries(sorts).map(([value, sort]) => [value, sort.label]));
  const clear = make("button", {type: "button", className: "csb-clear",
                                textContent: "Show all case studies"});
  const status = make("p", {className: "csb-status"});
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const form = make("form", {className: "case-study-browser"}, [
    make("div", {className: "csb-fields"}, Object.values(fields).map((f) => f.element)),
    make("div", {className: "csb-actions"}, [clear]),
    status,
  ]);
  form.setAttribute("aria-label", "Filter and sort the case studies");

  // -- The view: chosen values <-> the address --------------------------------
  const readAddress = () => {
    const params = new URLSearchParams(window.location.search);
    for (const [name, {select}] of Object.entries(fields)) {
      const value = params.get(name);
      // A value the page does not offer (an old or mistyped link) is ignored.
      const offered = [...select.options].some((option) => option.value === value);
      select.value = offered ? value : select.options[0].value;
    }
  };
  const writeAddress = () => {
    const params = new URLSearchParams(window.location.search);
    for (const [name, {select}] of Object.entries(fields)) {
      const unset = name === "sort" ? select.value === defaultSort : !select.value;
      if (unset) params.delete(name);
      else params.set(name, select.value);
    }
    const query = params.toString();
    const address = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
    window.history.replaceState(window.history.state, "", address);
  };

  const show = () => {
    const chosen = filters
      .map((filter) => [filter, fields[filter.name].select.value])
      .filter(([, value]) => value);
    const keeps = (item) => chosen.every(([filter, value]) => filter.values(item).includes(value));
    const compare = sorts[fields.sort.select.value].compare;
    for (const [entries, parent] of [[listed, list], [rows, tbody]]) {
      for (const {element, item} of [...entries].sort((a, b) => compare(a.item, b.item))) {
        element.hidden = !keeps(item);
        parent.append(element); // in sorted order
      }
    }
    const shown = listed.filter(({item}) => keeps(item)).length;
    const where = rows.length ? " in the list and the table" : "";
    status.textContent = shown === listed.length
      ? `Showing all ${listed.length} case studies${where}.`
      : shown === 0
        ? "No case study matches all of these choices. Choose fewer to see more."
        : `Showing ${shown} of ${listed.length} case studies${where}.`;
    clear.hidden = chosen.length === 0;
  };

  form.addEventListener("change", () => {
    writeAddress();
    show();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  clear.addEventListener("click", () => {
    for (const filter of filters) fields[filter.name].select.value = "";
    writeAddress();
    show();
    fields[filters[0].name].select.focus();
  });

  list.before(form);
  readAddress();
  show();
})();
