// The rating screen (/rating/{campaignId}): shows one blinded task at a time, saves each answer the moment it is
// given, and drives everything from the keyboard. The server renders the criteria, their levels and each level's keys
// (data-keys), and the rater's queue as JSON in data-tasks; this script only ever puts task text in with textContent.
"use strict";

(() => {
  const root = document.querySelector("[data-rating-screen]");
  if (!root) return;

  const tasks = JSON.parse(root.dataset.tasks);
  const campaignId = root.dataset.campaign;
  const criteria = [...root.querySelectorAll("[data-criterion]")];
  const players = [...root.querySelectorAll("video[data-side]")];
  const itemSection = root.querySelector("[data-rating-item]");
  const doneSection = root.querySelector("[data-rating-done]");
  const errorBox = root.querySelector("[data-rating-error]");
  const saveStatus = root.querySelector("[data-save-status]");
  const positionBar = root.querySelector("[data-position-bar]");
  const completedCount = root.querySelector("[data-completed]");
  const defaultFrameSeconds = 1 / 25;

  let index = Number(root.dataset.start);
  let currentCriterion = 0;
  let pending = 0;
  // Saves go out one after another, so each answer's response reflects every answer sent before it.
  let saves = Promise.resolve();

  const task = () => tasks[index];
  const ratingsUrl = t => `/api/v1/rating-campaigns/${campaignId}/tasks/${t.itemId}/ratings`;

  function show(newIndex) {
    index = newIndex;
    const done = index < 0;
    itemSection.classList.toggle("d-none", done);
    doneSection.classList.toggle("d-none", !done);
    root.dataset.position = done ? "done" : String(task().position);
    if (done) {
      players.forEach(p => p.pause());
      medvid.setProgress(positionBar, 1, "done");
      return;
    }
    const t = task();
    root.querySelector("[data-item-position]").textContent = String(t.position);
    root.querySelector("[data-item-prompt]").textContent = t.prompt ?? "—";
    root.querySelector("[data-item-label]").textContent = t.label ?? "—";
    medvid.setProgress(positionBar, t.position / t.total, `${t.position} / ${t.total}`);
    for (const player of players) {
      const media = t.media.find(m => m.side === player.dataset.side);
      if (media && player.dataset.src !== media.url) {
        player.dataset.src = media.url;
        player.frameSeconds = undefined;
        player.src = media.url;
      }
    }
    criteria.forEach(markChoice);
    const firstOpen = criteria.findIndex(c => t.ratings[c.dataset.criterion] === undefined);
    focusCriterion(firstOpen < 0 ? 0 : firstOpen);
  }

  function markChoice(card) {
    const chosen = task().ratings[card.dataset.criterion];
    for (const button of card.querySelectorAll("[data-level]")) {
      const on = button.dataset.level === chosen;
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", String(on));
    }
  }

  function setCriterionState(card, state, text) {
    card.dataset.state = state;
    card.querySelector("[data-criterion-state]").textContent = text;
  }

  function focusCriterion(i) {
    currentCriterion = Math.max(0, Math.min(criteria.length - 1, i));
    criteria.forEach((card, n) => {
      card.classList.toggle("current", n === currentCriterion);
      if (n === currentCriterion) card.setAttribute("aria-current", "true");
      else card.removeAttribute("aria-current");
    });
    criteria[currentCriterion].scrollIntoView({ block: "nearest" });
  }

  function updateCounts() {
    completedCount.textContent = String(tasks.filter(t => t.complete).length);
    root.dataset.pending = String(pending);
    if (pending > 0) {
      root.dataset.saveState = "saving";
      saveStatus.textContent = "Saving…";
    }
  }

  /** Chooses a level of a criterion of the current task and saves it at once (PUT), showing saved or the server's error. */
  function choose(criterionIndex, levelKey) {
    const t = task();
    const card = criteria[criterionIndex];
    const id = card.dataset.criterion;
    const before = t.ratings[id];
    t.ratings = { ...t.ratings, [id]: levelKey };
    markChoice(card);
    setCriterionState(card, "saving", "saving…");
    pending++;
    updateCounts();
    saves = saves.then(async () => {
      try {
        const saved = await medvid.api(ratingsUrl(t), { method: "PUT", body: { ratings: { [id]: levelKey } } });
        t.ratings = { ...t.ratings, [id]: saved.ratings[id] };
        t.complete = saved.complete;
        setCriterionState(card, "saved", "✓ saved");
        medvid.showError(errorBox, "");
        root.dataset.saveState = "saved";
        saveStatus.textContent = "Saved";
      } catch (e) {
        if (t.ratings[id] === levelKey) {
          const rest = { ...t.ratings };
          if (before === undefined) delete rest[id];
          else rest[id] = before;
          t.ratings = rest;
        }
        setCriterionState(card, "error", "not saved");
        medvid.showError(errorBox, `Not saved: ${e.message}`);
        root.dataset.saveState = "error";
        saveStatus.textContent = "Not saved";
      } finally {
        pending--;
        if (task() === t) markChoice(card);
        updateCounts();
      }
    });
    focusCriterion(criterionIndex + 1);
  }

  async function next() {
    if (index < 0) return;
    if (index < tasks.length - 1) {
      show(index + 1);
      return;
    }
    // At the end: wait for the answers in flight, so "done" means the server has every one.
    await saves;
    const firstOpen = tasks.findIndex(t => !t.complete);
    show(firstOpen);
    if (firstOpen >= 0) saveStatus.textContent = `Item ${tasks[firstOpen].position} still has criteria to rate.`;
  }

  function previous() {
    if (index < 0) show(tasks.length - 1);
    else if (index > 0) show(index - 1);
  }

  function togglePlay() {
    if (players.some(p => p.paused)) players.forEach(p => p.play().catch(() => {}));
    else players.forEach(p => p.pause());
  }

  /** Pause, then one frame back (-1) or forward (+1); the frame length is measured while the video plays, else 1/25 s. */
  function stepFrame(direction) {
    for (const p of players) {
      p.pause();
      const end = Number.isFinite(p.duration) ? p.duration : Infinity;
      p.currentTime = Math.max(0, Math.min(end, p.currentTime + direction * (p.frameSeconds ?? defaultFrameSeconds)));
    }
  }

  // The browser tells the media time of every presented frame; the smallest step per presented frame is 1/fps.
  // A busy browser may call back once for several presented frames, so the step is shared among them; a dropped
  // frame only lengthens a step, which the minimum ignores.
  function measureFrames(video) {
    if (!("requestVideoFrameCallback" in HTMLVideoElement.prototype)) return;
    let last = null;
    const onFrame = (_now, meta) => {
      const frames = last ? meta.presentedFrames - last.presentedFrames : 0;
      if (frames >= 1 && frames <= 4) {
        const step = (meta.mediaTime - last.mediaTime) / frames;
        if (step > 0.001 && step < 0.5) video.frameSeconds = Math.min(video.frameSeconds ?? step, step);
      }
      last = meta;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  /** The level button of the current criterion bound to a key, if any. */
  function levelFor(key) {
    return [...criteria[currentCriterion].querySelectorAll("[data-level]")].find(b => b.dataset.keys.split(" ").includes(key));
  }

  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const key = event.key.toLowerCase();
    // A button focused with the keyboard keeps its own Enter and Space (pointer clicks blur, see below).
    if ((key === "enter" || key === " ") && event.target instanceof HTMLButtonElement) return;
    let handled = true;
    if (index < 0) {
      if (key === "p") previous();
      else handled = false;
    } else if (key === " ") togglePlay();
    else if (key === ",") stepFrame(-1);
    else if (key === ".") stepFrame(1);
    else if (key === "enter" || key === "n") next();
    else if (key === "p") previous();
    else if (key === "arrowup") focusCriterion(currentCriterion - 1);
    else if (key === "arrowdown") focusCriterion(currentCriterion + 1);
    else {
      const button = levelFor(key);
      if (button) choose(currentCriterion, button.dataset.level);
      else handled = false;
    }
    if (handled) event.preventDefault();
  });

  root.addEventListener("click", event => {
    const level = event.target.closest("[data-level]");
    const card = event.target.closest("[data-criterion]");
    if (level && card) choose(criteria.indexOf(card), level.dataset.level);
    else if (card) focusCriterion(criteria.indexOf(card));
    if (event.target.closest("[data-rating-next]")) next();
    if (event.target.closest("[data-rating-previous], [data-rating-review]")) previous();
    // After a mouse click the keys belong to the page again, not to the clicked button.
    if (event.detail > 0) event.target.closest("button")?.blur();
  });

  players.forEach(measureFrames);
  show(index);
  updateCounts();
})();
