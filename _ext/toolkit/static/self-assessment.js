/* The self-assessment: keeps answers in this browser (localStorage), shows
 * progress per success factor and overall, clears and prints.  Plain
 * JavaScript, no libraries; without it the page is a checklist to read. */
(() => {
  "use strict";

  const form = document.querySelector(".self-assessment");
  if (!form) return;
  const storageKey = form.dataset.storageKey;

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

  let answers = load();
  const questions = () => [...form.querySelectorAll("fieldset.sa-question")];
  const answered = (fieldset) => fieldset.querySelector("input:checked") !== null;
  const counted = (done, all) => `${done} of ${all} answered`;

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

  // Restore saved answers.
  for (const fieldset of questions()) {
    const value = answers[fieldset.dataset.question];
    for (const input of fieldset.querySelectorAll("input[type=radio]")) {
      input.checked = input.value === value;
    }
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.matches("input[type=radio]")) return;
    answers[input.closest("fieldset").dataset.question] = input.value;
    save(answers);
    showProgress();
  });

  form.querySelector(".sa-reset").addEventListener("click", () => {
    if (!window.confirm("Clear all your answers?")) return;
    answers = {};
    save(answers);
    for (const input of form.querySelectorAll("input[type=radio]")) input.checked = false;
    showProgress();
    form.querySelector("input[type=radio]")?.focus();
  });

  form.querySelector(".sa-print").addEventListener("click", () => window.print());

  for (const element of form.querySelectorAll("[data-needs-script]")) element.hidden = false;
  showProgress();
})();
