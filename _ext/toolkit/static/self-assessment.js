/* The self-assessment: keeps answers in this browser (localStorage), shows
 * progress per success factor and overall, and the organisation's profile:
 * a score per factor as a chart and a table, the weakest factors with where
 * to read next, and a one-page summary to print.  Answers can be saved to a
 * file and loaded again, or loaded as a comparison (last year's answers, a
 * colleague's).  Plain JavaScript, no libraries, nothing sent anywhere;
 * without it the page is a checklist to read. */
(() => {
  "use strict";

  const form = document.querySelector(".self-assessment");
  if (!form) return;
  const storageKey = form.dataset.storageKey;
  const comparisonKey = `${storageKey}:comparison`;
  // A saved file says what it is: its format is the storage key (one name
  // for "this guide's self-assessment answers"), and its version says how
  // it is laid out.  A file of another format or version is refused.
  const FORMAT = storageKey;
  const VERSION = 1;
  const VALUES = ["yes", "partly", "no", "n/a"];
  // Where the weakest factors point for policy clauses: set by the page
  // (data-policy-href, e.g. to a policy builder), else the policy page's
  // checklist, beside this page in guidance/.
  const policyHref = form.dataset.policyHref || "social-media-policy.html#policy-checklist";
  // With a policy builder, the next step is a draft; without, the checklist.
  const policyText = form.dataset.policyHref ? "Draft your policy in the policy builder"
    : "Check your policy against the checklist";
  // The guide's version, from Sphinx's documentation_options.js.
  const guideVersion = typeof DOCUMENTATION_OPTIONS !== "undefined"
    ? DOCUMENTATION_OPTIONS.VERSION || "" : "";

  const read = (key) => {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch {
      return null; // storage blocked or corrupted: start afresh
    }
  };
  const write = (key, value) => {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* storage blocked (private mode): answers last until the page closes */
    }
  };

  let answers = read(storageKey) || {};
  let comparison = read(comparisonKey); // {date, guideVersion, answers} or null
  const questions = () => [...form.querySelectorAll("fieldset.sa-question")];
  const questionIds = new Set(questions().map((fieldset) => fieldset.dataset.question));
  const answered = (fieldset) => fieldset.querySelector("input:checked") !== null;
  const counted = (done, all) => `${done} of ${all} answered`;

  // The factors, in the page's order: id, name, page, question ids.
  const factors = [...form.querySelectorAll(".sa-factor")].map((section) => {
    const link = section.querySelector("h2 a");
    return {
      id: section.dataset.factor,
      name: (link || section.querySelector("h2")).textContent.trim(),
      href: link ? link.getAttribute("href") : null,
      questions: [...section.querySelectorAll("fieldset.sa-question")]
        .map((fieldset) => fieldset.dataset.question),
    };
  });

  const make = (tag, properties = {}, children = []) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };
  const svg = (tag, attributes = {}, children = []) => {
    const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  };
  const today = () => new Date().toISOString().slice(0, 10);
  // "2026-12-01" -> "1 December 2026", as the guide writes dates.
  const longDate = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(
    "en-NZ", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
  const percent = (score) => `${Math.round(score * 100)}%`;

  // -- The profile ----------------------------------------------------------------
  // A factor's score: yes 1, partly 0.5, no 0, over the questions answered
  // yes, partly or no; "not applicable" and unanswered questions are left
  // out, and a factor with none of those has no score.
  const profileOf = (given) => factors.map((factor) => {
    const counts = {yes: 0, partly: 0, no: 0, "n/a": 0, none: 0};
    for (const id of factor.questions) counts[VALUES.includes(given[id]) ? given[id] : "none"] += 1;
    const scored = counts.yes + counts.partly + counts.no;
    return {factor, counts, score: scored ? (counts.yes + counts.partly / 2) / scored : null};
  });

  const profile = make("section", {className: "sa-profile", id: "sa-profile"});
  profile.setAttribute("aria-labelledby", "sa-profile-title");
  profile.innerHTML = `
    <div class="sa-summary-head">
      <p class="sa-summary-title">Social media self-assessment: summary</p>
      <p class="sa-summary-date"></p>
    </div>
    <h2 id="sa-profile-title">Your profile</h2>
    <p class="sa-profile-empty">Answer the questions above to see your organisation's
      profile: a score for each success factor, and the factors to work on first.</p>
    <div class="sa-profile-result">
      <p class="sa-profile-how">Each factor's score counts "Yes" as 1, "Partly" as 0.5
        and "No" as 0, out of the questions answered that way; "Not applicable" and
        unanswered questions are left out.</p>
      <div class="sa-chart"></div>
      <div class="sa-table" role="region" tabindex="0" aria-labelledby="sa-table-caption">
        <table>
          <caption id="sa-table-caption">Your profile by success factor</caption>
          <thead></thead><tbody></tbody>
        </table>
      </div>
      <h3 id="sa-weakest-title">Where to start: your weakest factors</h3>
      <div class="sa-weakest"></div>
    </div>
    <div class="sa-files">
      <h3>Save, share or compare your answers</h3>
      <p>A file of your answers lets you carry on on another device, share them
        with your team, or compare them with last year's. The file is made and read
        in this browser; nothing is sent anywhere.</p>
      <p><button type="button" class="sa-export">Save answers to a file</button></p>
      <p class="sa-file-field"><label for="sa-import">Load answers from a file
        (replaces your answers)</label>
        <input type="file" id="sa-import" accept=".json,application/json"></p>
      <p class="sa-file-field"><label for="sa-compare">Compare with answers from a file
        (shown beside yours)</label>
        <input type="file" id="sa-compare" accept=".json,application/json"></p>
      <p><button type="button" class="sa-remove-comparison" hidden>Remove the comparison</button></p>
      <p class="sa-file-message" role="status" aria-live="polite"></p>
    </div>`;
  const $ = (selector) => profile.querySelector(selector);
  const message = $(".sa-file-message");
  const say = (text, problem = false) => {
    message.textContent = text;
    message.classList.toggle("sa-file-problem", problem);
  };

  const dated = (what, date) => (date ? `${what} dated ${longDate(date)}` : what);

  const drawChart = (mine, theirs) => {
    // Bars as wide as the score, on a track as wide as 100%; the figure
    // beside each bar and the table below carry the same numbers in text.
    const row = theirs ? 78 : 56;
    const chart = svg("svg", {
      class: "sa-chart-svg", width: "100%", height: String(row * mine.length + (theirs ? 30 : 0)),
      role: "img", "aria-labelledby": "sa-chart-title",
    }, [
      svg("title", {id: "sa-chart-title"}, [
        "Bar chart of your score for each success factor" +
        (theirs ? ", beside the comparison's" : "") + "; the table gives the same figures."]),
      svg("defs", {}, [svg("pattern", {
        id: "sa-hatch", width: "6", height: "6", patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      }, [svg("rect", {width: "3", height: "6", class: "sa-bar-compare"})])]),
    ]);
    const bar = (y, entry, kind) => {
      chart.append(svg("rect", {x: "0", y, width: "80%", height: "16", class: "sa-track"}));
      if (entry.score !== null) {
        const filled = {x: "0", y, width: `${entry.score * 80}%`, height: "16"};
        chart.append(svg("rect", kind === "mine" ? {...filled, class: "sa-bar"}
          : {...filled, class: "sa-bar-hatched", fill: "url(#sa-hatch)"}));
      }
      chart.append(svg("text", {x: "82%", y: y + 13, class: "sa-chart-figure"},
        [entry.score === null ? "no score" : percent(entry.score)]));
    };
    let y = 0;
    if (theirs) {
      // A legend: solid bars are these answers, hatched the comparison.
      chart.append(
        svg("rect", {x: "0", y: "4", width: "16", height: "12", class: "sa-bar"}),
        svg("text", {x: "22", y: "15", class: "sa-chart-legend"}, ["Your answers"]),
        svg("rect", {x: "140", y: "4", width: "16", height: "12", class: "sa-bar-hatched",
                     fill: "url(#sa-hatch)"}),
        svg("text", {x: "162", y: "15", class: "sa-chart-legend"}, ["Comparison"]));
      y = 30;
    }
    mine.forEach((entry, index) => {
      chart.append(svg("text", {x: "0", y: y + 15, class: "sa-chart-name"}, [entry.factor.name]));
      bar(y + 22, entry, "mine");
      if (theirs) bar(y + 44, theirs[index], "theirs");
      y += row;
    });
    $(".sa-chart").replaceChildren(chart);
  };

  const drawTable = (mine, theirs) => {
    const headings = ["Success factor", "Score", "Yes", "Partly", "No", "Not applicable",
                      "Not answered"];
    if (theirs) headings.push("Comparison score");
    $("thead").replaceChildren(make("tr", {}, headings.map((text) => {
      const th = make("th", {textContent: text});
      th.scope = "col";
      return th;
    })));
    $("tbody").replaceChildren(...mine.map((entry, index) => {
      const name = make("th", {}, [entry.factor.href
        ? make("a", {href: entry.factor.href, textContent: entry.factor.name})
        : entry.factor.name]);
      name.scope = "row";
      const {counts} = entry;
      const cells = [entry.score === null ? "No score" : percent(entry.score),
                     counts.yes, counts.partly, counts.no, counts["n/a"], counts.none];
      if (theirs) {
        cells.push(theirs[index].score === null ? "No score" : percent(theirs[index].score));
      }
      return make("tr", {}, [name, ...cells.map((text) => make("td", {textContent: String(text)}))]);
    }));
    $("caption").textContent = theirs
      ? `Your profile by success factor, compared with ${dated("answers", comparison.date)}`
      : "Your profile by success factor";
  };

  const drawWeakest = (mine) => {
    // The two or three lowest scores under 100%, in the page's order on a tie.
    const weakest = mine.filter((entry) => entry.score !== null && entry.score < 1)
      .sort((a, b) => a.score - b.score).slice(0, 3);
    const box = $(".sa-weakest");
    if (!weakest.length) {
      box.replaceChildren(make("p", {
        textContent: "Every factor you answered scores 100%: keep it up, and check again at your next review."}));
      return;
    }
    box.replaceChildren(
      make("p", {textContent: "Start with these. Read each factor's page for first steps, "
        + "then write what you decide into your social media policy."}),
      make("ol", {}, weakest.map(({factor, score, counts}) => make("li", {}, [
        make("strong", {textContent: factor.name}),
        `: ${percent(score)} (${counts.yes} yes, ${counts.partly} partly, ${counts.no} no). `,
        ...(factor.href ? [make("a", {href: factor.href, textContent: `Read about ${factor.name}`}), ". "] : []),
        make("a", {href: policyHref, textContent: policyText}),
        ".",
      ]))));
  };

  const showProfile = () => {
    const hasAnswers = Object.keys(answers).length > 0;
    $(".sa-profile-empty").hidden = hasAnswers;
    $(".sa-profile-result").hidden = !hasAnswers;
    $(".sa-remove-comparison").hidden = !comparison;
    const versions = guideVersion ? ` Guide version ${guideVersion}.` : "";
    $(".sa-summary-date").textContent = `Date: ${longDate(today())}.${versions}` +
      (comparison ? ` Compared with ${dated("answers", comparison.date)}.` : "");
    if (!hasAnswers) return;
    const mine = profileOf(answers);
    const theirs = comparison ? profileOf(comparison.answers) : null;
    drawChart(mine, theirs);
    drawTable(mine, theirs);
    drawWeakest(mine);
  };

  // -- Progress and answers ----------------------------------------------------------
  const showProgress = () => {
    for (const group of form.querySelectorAll(".sa-factor")) {
      const inGroup = [...group.querySelectorAll("fieldset.sa-question")];
      const progress = group.querySelector(".sa-progress");
      const text = counted(inGroup.filter(answered).length, inGroup.length);
      if (progress.textContent !== text) progress.textContent = text;
    }
    const all = questions();
    form.querySelector(".sa-overall-progress").textContent =
      counted(all.filter(answered).length, all.length);
  };

  const showAnswers = () => {
    for (const fieldset of questions()) {
      const value = answers[fieldset.dataset.question];
      for (const input of fieldset.querySelectorAll("input[type=radio]")) {
        input.checked = input.value === value;
      }
    }
    showProgress();
    showProfile();
  };

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.matches("fieldset.sa-question input[type=radio]")) return;
    answers[input.closest("fieldset").dataset.question] = input.value;
    write(storageKey, answers);
    showProgress();
    showProfile();
  });

  form.querySelector(".sa-reset").addEventListener("click", () => {
    if (!window.confirm("Clear all your answers?")) return;
    answers = {};
    write(storageKey, answers);
    showAnswers();
    form.querySelector("input[type=radio]")?.focus();
  });

  // "Print summary" prints the profile alone (see the print styles); the
  // browser's own print command prints the whole page with its answers.
  form.querySelector(".sa-print").addEventListener("click", () => {
    document.body.classList.add("sa-print-summary");
    window.print();
  });
  window.addEventListener("afterprint", () => document.body.classList.remove("sa-print-summary"));

  // -- Files ------------------------------------------------------------------------------
  $(".sa-export").addEventListener("click", () => {
    const file = {format: FORMAT, version: VERSION, date: today(), answers};
    if (guideVersion) file.guideVersion = guideVersion;
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`],
                                             {type: "application/json"}));
    const link = make("a", {href: url, download: `self-assessment-${file.date}.json`});
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 0);
    say(`Saved your answers to ${link.download}.`);
  });

  // The answers in a saved file, or the reason it cannot be used.
  const parse = (text) => {
    const refuse = (reason) => ({problem: `This file cannot be used: ${reason} Nothing was changed.`});
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return refuse("it is not a file of saved answers (it is not JSON).");
    }
    if (file === null || typeof file !== "object" || Array.isArray(file) || file.format !== FORMAT) {
      return refuse("it is not a file of answers saved by this self-assessment.");
    }
    if (file.version !== VERSION) {
      return refuse(`it is in version ${JSON.stringify(file.version)} of the format, `
        + `and this page reads version ${VERSION}.`);
    }
    if (file.date !== undefined && !(typeof file.date === "string" && /^\d{4}-\d\d-\d\d$/.test(file.date))) {
      return refuse("its date is not a date (YYYY-MM-DD).");
    }
    const given = file.answers;
    if (given === null || typeof given !== "object" || Array.isArray(given)) {
      return refuse("it holds no answers.");
    }
    const unknown = Object.keys(given).filter((id) => !questionIds.has(id));
    if (unknown.length) {
      return refuse(`it answers questions this self-assessment does not ask (${unknown.join(", ")}).`);
    }
    const wrong = Object.entries(given).filter(([, value]) => !VALUES.includes(value));
    if (wrong.length) {
      const [id, value] = wrong[0];
      return refuse(`its answer to ${id} is ${JSON.stringify(value)}, `
        + "not one of yes, partly, no or n/a.");
    }
    return {answers: {...given}, date: file.date || null, guideVersion: file.guideVersion || null};
  };

  const readFile = (input, use) => {
    const [file] = input.files;
    if (!file) return;
    file.text().then((text) => {
      const result = parse(text);
      if (result.problem) say(result.problem, true);
      else use(result, file.name);
    }, () => say("This file could not be read. Nothing was changed.", true))
      .finally(() => { input.value = ""; });
  };

  $("#sa-import").addEventListener("change", (event) => readFile(event.target, (result, name) => {
    if (Object.keys(answers).length &&
        !window.confirm("Replace your answers with the answers in the file?")) {
      say("Nothing was changed.");
      return;
    }
    answers = result.answers;
    write(storageKey, answers);
    showAnswers();
    say(`Loaded ${Object.keys(answers).length} answers from ${name}.`);
  }));

  $("#sa-compare").addEventListener("change", (event) => readFile(event.target, (result, name) => {
    comparison = {date: result.date, guideVersion: result.guideVersion, answers: result.answers};
    write(comparisonKey, comparison);
    showProfile();
    say(`Comparing with ${dated(`the answers in ${name}`, result.date)}: see the chart and the table.`);
  }));

  $(".sa-remove-comparison").addEventListener("click", () => {
    comparison = null;
    write(comparisonKey, null);
    showProfile();
    say("Removed the comparison.");
    $("#sa-compare").focus();
  });

  // -- Start --------------------------------------------------------------------------------
  // Only answers to this page's questions, with a known value, are used.
  answers = Object.fromEntries(Object.entries(answers)
    .filter(([id, value]) => questionIds.has(id) && VALUES.includes(value)));
  if (comparison && (typeof comparison !== "object" || !comparison.answers)) comparison = null;

  form.append(profile);
  form.querySelector(".sa-overall").append(" ",
    make("a", {href: "#sa-profile", className: "sa-profile-link", textContent: "See your profile"}));
  for (const element of form.querySelectorAll("[data-needs-script]")) element.hidden = false;
  showAnswers();
})();
