/* The policy builder: assembles a draft social media policy from the guide's
 * clauses (embedded in the page as JSON) as the reader answers, keeps the
 * answers in this browser (localStorage), prints, copies and downloads the
 * draft as Markdown or Word (written by policy-docx.js, loaded first), and
 * links to the blank Word template for the chosen kind of organisation.
 * Plain JavaScript, no libraries, no network.  Without it the page points to
 * the clauses and the Word templates. */
(() => {
  "use strict";

  const root = document.querySelector(".policy-builder");
  if (!root) return;
  const data = JSON.parse(root.querySelector("script.pb-data").textContent);
  const storageKey = root.dataset.storageKey;
  const level = Number(root.dataset.headingLevel) || 3;
  const form = root.querySelector(".pb-form");
  const draft = root.querySelector(".pb-draft");
  const status = root.querySelector(".pb-status");
  const wordLink = root.querySelector(".pb-word");
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  // -- Answers ----------------------------------------------------------------

  const load = () => {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey)) || {};
    } catch {
      return {}; // storage blocked or corrupted: start afresh
    }
  };
  const save = (answers) => {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(answers));
    } catch {
      /* storage blocked (private mode): answers last until the page closes */
    }
  };
  const field = (name) => form.elements.namedItem(name);
  const ticked = (name) =>
    [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);

  const read = () => ({
    kind: ticked("pb-kind")[0] || "",
    organisation: field("organisation").value,
    platforms: ticked("pb-platform"),
    conditions: ticked("pb-condition"),
    complaints: field("complaints").value,
    review: field("review").value,
  });

  const restore = (answers) => {
    for (const input of form.querySelectorAll("input[type=radio], input[type=checkbox]")) {
      const chosen = input.name === "pb-kind" ? [answers.kind]
        : input.name === "pb-platform" ? answers.platforms || []
          : answers.conditions || [];
      input.checked = chosen.includes(input.value);
    }
    field("organisation").value = answers.organisation || "";
    field("complaints").value = answers.complaints || "";
    field("review").value = answers.review || "";
  };

  // -- The draft --------------------------------------------------------------

  const andList = (words) =>
    words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;

  const formatDate = (iso) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : "";
  };

  // Each placeholder's value from the answers; "" when not answered yet.
  const values = (answers) => ({
    organisation: answers.organisation.trim(),
    accounts: andList(answers.platforms.map((id) => data.platforms[id])),
    complaints_contact: answers.complaints.trim(),
    review_date: formatDate(answers.review),
  });

  const kindOf = (id) => data.kinds.find((kind) => kind.id === id);

  const chosenClauses = (answers) => data.clauses.filter((clause) =>
    answers.kind in clause.applies &&
    (!clause.only_if || answers.conditions.includes(clause.only_if)));

  // A paragraph of clause text as parts: {text} or {placeholder, value}.
  const parts = (text, filled) => text.split(/(\{[a-z_]+\})/).filter(Boolean).map((part) => {
    const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
    return name ? { placeholder: name, value: filled[name] } : { text: part };
  });

  const sourceTexts = (clause) => clause.sources.map((key) => `Source: ${data.sources[key].reference}`);
  const levelText = (clause, kind) =>
    `${clause.applies[kind.id] === "required" ? "Required" : "Recommended"} for ${kind.plural}.`;
  const placeholderText = (part) => `[${data.placeholders[part.placeholder]}]`;
  const TITLE = "Social media policy of {organisation}";
  const NOTE = "Note for whoever adapts the policy: ";
  const basedOn = () =>
    `Based on the policy clauses of “${data.guide.project}”, version ${data.guide.release}, ` +
    `${data.guide.url}`;

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const heading = (offset, text) => element(`h${Math.min(level + offset, 6)}`, "", text);

  // A paragraph from its parts: filled-in values marked, the rest highlighted.
  const paragraphWithParts = (blockParts, className) => {
    const paragraph = element("p", className);
    for (const part of blockParts) {
      if (part.text !== undefined) {
        paragraph.append(part.text);
      } else if (part.value) {
        paragraph.append(element("span", "pb-filled", part.value));
      } else {
        paragraph.append(element("mark", "pb-placeholder", placeholderText(part)));
      }
    }
    return paragraph;
  };

  // The draft's blocks in order, for the page and the Markdown and Word
  // downloads alike: each {type, parts} with type title, based-on, group,
  // heading (with its clause's id), text, level, source or note.
  const outline = (answers) => {
    const kind = kindOf(answers.kind);
    if (!kind) return [];
    const filled = values(answers);
    const block = (type, text) => ({ type, parts: parts(text, filled) });
    const blocks = [block("title", TITLE),
      { type: "based-on", parts: [{ text: basedOn() }] }];
    let group = null;
    for (const clause of chosenClauses(answers)) {
      if (clause.group && clause.group !== group) {
        group = clause.group;
        blocks.push({ type: "group", parts: [{ text: group }] });
      }
      blocks.push({ type: "heading", parts: [{ text: clause.heading }], clause: clause.id });
      for (const text of clause.text) blocks.push(block("text", text));
      blocks.push({ type: "level", parts: [{ text: levelText(clause, kind) }] });
      for (const text of sourceTexts(clause)) blocks.push({ type: "source", parts: [{ text }] });
      if (clause.note) blocks.push(block("note", clause.note));
    }
    return blocks;
  };

  // -- The draft on the page --------------------------------------------------

  const PARAGRAPH_CLASSES = {
    title: "pb-draft-title", "based-on": "pb-based-on", level: "pb-meta",
    source: "pb-meta pb-source", note: "pb-note",
  };
  const plainText = (blockParts) => blockParts.map((part) => part.text).join("");

  // The outline on the page, each clause in its own block; the number of clauses.
  const render = (answers) => {
    const kind = kindOf(answers.kind);
    draft.replaceChildren();
    wordLink.hidden = !kind;
    if (!kind) {
      draft.append(element("p", "pb-empty",
        "Choose the kind of organisation above to see the clauses that apply to it."));
      return 0;
    }
    wordLink.href = data.templates[kind.id];
    wordLink.textContent = `Word template for ${kind.article} (blank)`;
    let clauses = 0;
    let block = null;
    for (const { type, parts: blockParts, clause } of outline(answers)) {
      if (type === "group") {
        draft.append(heading(0, plainText(blockParts)));
      } else if (type === "heading") {
        block = element("div", "pb-clause");
        block.dataset.clause = clause;
        block.append(heading(1, plainText(blockParts)));
        draft.append(block);
        clauses += 1;
      } else {
        const paragraph = paragraphWithParts(blockParts, PARAGRAPH_CLASSES[type]);
        if (type === "note") paragraph.prepend(element("strong", "", NOTE));
        (block || draft).append(paragraph);
      }
    }
    return clauses;
  };

  // -- The draft as a file ----------------------------------------------------

  const escapeMarkdown = (text) => text.replace(/([\\`*_[\]#<>|])/g, "\\$1");
  const markdownText = (blockParts) => blockParts.map((part) =>
    part.text !== undefined ? escapeMarkdown(part.text)
      : part.value ? escapeMarkdown(part.value)
        : placeholderText(part).replace(/[[\]]/g, "\\$&")).join("");
  const MARKDOWN = {
    title: (text) => `# ${text}`,
    "based-on": (text) => `*${text}*`,
    group: (text) => `## ${text}`,
    heading: (text) => `### ${text}`,
    level: (text) => `*${text}*`,
    note: (text) => `> **${NOTE.trim()}** ${text}`,
  };
  const markdown = (answers) => outline(answers).flatMap(({ type, parts: blockParts }) =>
    [(MARKDOWN[type] || String)(markdownText(blockParts)), ""]).join("\n");

  // Word: headings in Word's heading styles, unfilled placeholders highlighted.
  const WORD_STYLES = { title: "Title", group: "Heading1", heading: "Heading2" };
  const wordParagraphs = (answers) => outline(answers).map(({ type, parts: blockParts }) => {
    const italic = type === "based-on" || type === "level";
    const runs = blockParts.map((part) =>
      part.text !== undefined ? { text: part.text, italic }
        : part.value ? { text: part.value, italic }
          : { text: placeholderText(part), italic, highlight: true });
    if (type === "note") runs.unshift({ text: NOTE, bold: true });
    return { style: WORD_STYLES[type] || "Normal", runs };
  });

  const fileName = (answers, extension) => {
    const slug = (answers.organisation || answers.kind).toLowerCase()
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return `social-media-policy-${slug || "draft"}.${extension}`;
  };

  const download = (blob, name) => {
    const url = URL.createObjectURL(blob);
    const link = element("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    // Kept a minute: some browsers read the file after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(`Downloaded ${name}.`);
  };

  // -- Wiring -----------------------------------------------------------------

  let lastSummary = "";
  const update = () => {
    const answers = read();
    save(answers);
    const count = render(answers);
    const kind = kindOf(answers.kind);
    // Announced when the set of clauses changes, not on every keystroke.
    const summary = kind
      ? `The draft has ${count} ${count === 1 ? "clause" : "clauses"} for ${kind.article}.`
      : "";
    if (summary !== lastSummary) {
      status.textContent = summary;
      lastSummary = summary;
    }
  };
  const say = (message) => {
    status.textContent = message;
    lastSummary = "";
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());

  root.querySelector(".pb-clear").addEventListener("click", () => {
    if (!window.confirm("Clear all your answers?")) return;
    restore({});
    update();
    form.querySelector("input")?.focus();
  });

  const needsKind = () => {
    if (read().kind) return false;
    say("Choose the kind of organisation first.");
    form.querySelector("input[name=pb-kind]").focus();
    return true;
  };

  root.querySelector(".pb-print").addEventListener("click", () => {
    if (needsKind()) return;
    document.body.classList.add("pb-printing");
    window.print();
  });
  window.addEventListener("afterprint", () => document.body.classList.remove("pb-printing"));

  // Copied as formatted text (pasted into Word or an email, the headings
  // stay headings) and as Markdown for plain text editors.
  root.querySelector(".pb-copy").addEventListener("click", async () => {
    if (needsKind()) return;
    const text = markdown(read());
    try {
      if (window.ClipboardItem && navigator.clipboard.write) {
        await navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([draft.innerHTML], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        })]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      say("The draft is copied. Paste it into Word, an email or a text editor.");
    } catch {
      say("This browser did not allow copying: select the draft below and copy it yourself.");
    }
  });

  root.querySelector(".pb-markdown").addEventListener("click", () => {
    if (needsKind()) return;
    const answers = read();
    download(new Blob([markdown(answers)], { type: "text/markdown" }), fileName(answers, "md"));
  });

  root.querySelector(".pb-docx").addEventListener("click", () => {
    if (needsKind()) return;
    const answers = read();
    const paragraphs = wordParagraphs(answers);
    const title = paragraphs[0].runs.map((run) => run.text).join("");
    const blob = window.policyDocx(paragraphs, { title, language: data.guide.language });
    download(blob, fileName(answers, "docx"));
  });

  restore(load());
  for (const node of root.querySelectorAll("[data-needs-script]")) node.hidden = false;
  root.querySelector(".pb-no-script").hidden = true;
  update();
})();
