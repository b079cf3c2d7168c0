// The portal's own scripts (no Blazor script: pages are static server-rendered, docs/portal.md).
// Everything that puts server data into the page uses textContent or attributes, never innerHTML with data,
// except live regions, which swap in markup the server rendered (and Razor escaped).
"use strict";

window.medvid = (() => {
  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

  /** fetch() against the API with the portal cookie; requests that change state carry the antiforgery header. */
  async function api(url, options = {}) {
    const method = (options.method ?? "GET").toUpperCase();
    const headers = new Headers(options.headers ?? {});
    headers.set("Accept", "application/json");
    if (method !== "GET" && method !== "HEAD") headers.set("X-CSRF-TOKEN", csrfToken());
    let body = options.body;
    if (body !== undefined && !(body instanceof FormData) && typeof body !== "string") {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(body);
    }
    const response = await fetch(url, { ...options, method, headers, body, credentials: "same-origin" });
    if (!response.ok) throw new Error(await problemText(response));
    const type = response.headers.get("Content-Type") ?? "";
    return type.includes("json") ? response.json() : response.text();
  }

  /** The server's message from a problem-details body, else the status line. */
  async function problemText(response) {
    try {
      const problem = await response.json();
      return problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`;
    } catch {
      return `${response.status} ${response.statusText}`;
    }
  }

  function showError(element, message) {
    if (!element) return;
    element.textContent = message;
    element.classList.toggle("d-none", !message);
  }

  /** Polls a JSON url every intervalMs, hands each result to onData, stops when onData returns true. */
  function poll(url, intervalMs, onData, onError) {
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        if (onData(await api(url)) === true) return;
      } catch (e) {
        onError?.(e);
      }
      setTimeout(tick, intervalMs);
    };
    tick();
    return () => { stopped = true; };
  }

  /** Sets a Bootstrap progress bar (fraction 0..1) and its label. */
  function setProgress(bar, fraction, label) {
    const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    bar.style.width = `${percent}%`;
    bar.setAttribute("aria-valuenow", String(percent));
    bar.textContent = label ?? `${percent}%`;
  }

  const terminal = new Set(["Succeeded", "Failed", "Cancelled"]);

  /**
   * [data-live-run]: a progress bar over a run's JSON (curation, training, generation). The element names the
   * url, where progress is (data-progress-field) and a cancel url; on a terminal state the page reloads once so the
   * server renders the results.
   */
  function bindLiveRun(root) {
    const bar = root.querySelector(".progress-bar");
    const status = root.querySelector("[data-run-status]");
    const stage = root.querySelector("[data-run-stage]");
    const error = root.querySelector("[data-run-error]");
    const cancel = root.querySelector("[data-run-cancel]");
    const field = root.dataset.progressField ?? "progress";
    const startStatus = root.dataset.status;
    const stop = poll(root.dataset.liveRun, 1000, run => {
      const fraction = typeof run[field] === "number" ? run[field] : 0;
      const done = terminal.has(run.status);
      setProgress(bar, run.status === "Succeeded" ? 1 : fraction, run.status === "Succeeded" ? "done" : undefined);
      bar.classList.toggle("progress-bar-animated", !done);
      bar.classList.toggle("bg-success", run.status === "Succeeded");
      bar.classList.toggle("bg-danger", run.status === "Failed");
      bar.classList.toggle("bg-secondary", run.status === "Cancelled");
      if (status) status.textContent = run.status;
      if (stage) stage.textContent = run.stage ?? "";
      if (error) showError(error, run.error ?? "");
      if (cancel) cancel.classList.toggle("d-none", done);
      root.dataset.status = run.status;
      root.dispatchEvent(new CustomEvent("medvid:run", { detail: run }));
      if (done && !terminal.has(startStatus) && root.dataset.reloadWhenDone !== undefined) setTimeout(() => location.reload(), 300);
      return done;
    }, e => showError(error, e.message));
    cancel?.addEventListener("click", async () => {
      cancel.disabled = true;
      try {
        await api(cancel.dataset.runCancel, { method: "POST" });
      } catch (e) {
        showError(error, e.message);
      } finally {
        cancel.disabled = false;
      }
    });
    return stop;
  }

  /**
   * [data-live-region="ms"] with an id: re-fetches this page every ms and swaps in the same element's new markup,
   * so lists (video status, queue) stay current while Razor keeps doing all the rendering and escaping.
   */
  function bindLiveRegion(region) {
    const every = Number(region.dataset.liveRegion) || 5000;
    const refresh = async () => {
      try {
        const response = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (response.ok && !response.redirected) {
          const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById(region.id);
          // Keep playing videos untouched: only swap when the markup changed.
          if (fresh && fresh.innerHTML !== region.innerHTML) region.replaceChildren(...fresh.childNodes);
        }
      } catch {
        // The next refresh tries again; a transient network error must not break the page.
      }
      setTimeout(refresh, every);
    };
    setTimeout(refresh, every);
  }

  /** [data-cancel-work]: cancels a work item (delegated, so it survives live-region swaps). */
  document.addEventListener("click", async event => {
    const button = event.target.closest?.("[data-cancel-work]");
    if (!button) return;
    button.disabled = true;
    const error = button.closest(".card")?.querySelector("[data-cancel-error]");
    try {
      await api(button.dataset.cancelWork, { method: "POST" });
      button.textContent = "Cancelled";
    } catch (e) {
      showError(error, e.message);
      button.disabled = false;
    }
  });

  /**
   * [data-post-action="url"]: an action on a listed item (retry, cancel, pause, resume), delegated so it survives
   * live-region swaps: POSTs, then reloads to show the new state; a refusal shows its message in [data-action-error].
   */
  document.addEventListener("click", async event => {
    const button = event.target.closest?.("[data-post-action]");
    if (!button) return;
    button.disabled = true;
    try {
      await api(button.dataset.postAction, { method: "POST", body: {} });
      location.reload();
    } catch (e) {
      showError(button.parentElement?.querySelector("[data-action-error]"), e.message);
      button.disabled = false;
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-autosubmit]").forEach(select => select.addEventListener("change", () => select.form.submit()));
    document.querySelectorAll("[data-live-run]").forEach(bindLiveRun);
    document.querySelectorAll("[data-live-region][id]").forEach(bindLiveRegion);
  });

  return { api, poll, setProgress, showError, problemText, csrfToken };
})();
