// Video upload with progress, cancel and retry (docs/portal.md, "Uploads").
// XMLHttpRequest rather than fetch(): only XHR reports upload progress events. Files go one at a time to the API's
// multipart endpoint; a cancelled or failed file keeps its File object so Retry sends it again from the start
// (the API stores a video only once its whole upload was received and probed, so a retry never leaves half a video).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-upload]").forEach(card => {
    const url = card.dataset.upload;
    const input = card.querySelector("[data-upload-files]");
    const modality = card.querySelector("[data-upload-modality]");
    const list = card.querySelector("[data-upload-list]");
    const template = card.querySelector("template[data-upload-row]");
    const error = card.querySelector("[data-upload-error]");
    const queue = [];
    let busy = false;

    card.querySelector("[data-upload-start]").addEventListener("click", () => {
      medvid.showError(error, "");
      if (input.files.length === 0) {
        medvid.showError(error, "Choose one or more video files first.");
        return;
      }
      const labels = modality.value.trim() ? JSON.stringify({ modality: modality.value.trim() }) : null;
      for (const file of input.files) enqueue(addRow(file, labels));
      input.value = "";
    });

    function addRow(file, labels) {
      const row = template.content.firstElementChild.cloneNode(true);
      row.querySelector("[data-name]").textContent = file.name;
      list.prepend(row);
      const item = { file, labels, row, xhr: null };
      row.querySelector("[data-cancel]").addEventListener("click", () => cancel(item));
      row.querySelector("[data-retry]").addEventListener("click", () => enqueue(item));
      return item;
    }

    function enqueue(item) {
      setState(item, "waiting", 0, "queued");
      queue.push(item);
      next();
    }

    function cancel(item) {
      const waiting = queue.indexOf(item);
      if (waiting >= 0) queue.splice(waiting, 1);
      if (item.xhr) item.xhr.abort();
      else setState(item, "stopped", 0, "cancelled");
    }

    function next() {
      if (busy || queue.length === 0) return;
      busy = true;
      send(queue.shift()).finally(() => {
        busy = false;
        next();
      });
    }

    function send(item) {
      return new Promise(resolve => {
        const xhr = new XMLHttpRequest();
        item.xhr = xhr;
        const done = () => {
          item.xhr = null;
          resolve();
        };
        xhr.open("POST", url);
        xhr.setRequestHeader("X-CSRF-TOKEN", medvid.csrfToken());
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.addEventListener("progress", e => {
          if (e.lengthComputable) setState(item, "sending", e.loaded / e.total);
        });
        // Sent but not yet answered: the server is probing the video with ffprobe.
        xhr.upload.addEventListener("load", () => setState(item, "sending", 1, "checking…"));
        xhr.addEventListener("load", () => {
          if (xhr.status >= 200 && xhr.status < 300) setState(item, "done", 1, "uploaded");
          else setState(item, "stopped", 1, "failed", problem(xhr));
          done();
        });
        xhr.addEventListener("error", () => {
          setState(item, "stopped", 0, "failed", "The connection failed; Retry sends the file again.");
          done();
        });
        xhr.addEventListener("abort", () => {
          setState(item, "stopped", 0, "cancelled");
          done();
        });
        const form = new FormData();
        if (item.labels) form.append("labels", item.labels);
        form.append("file", item.file, item.file.name);
        setState(item, "sending", 0);
        xhr.send(form);
      });
    }

    function problem(xhr) {
      try {
        const body = JSON.parse(xhr.responseText);
        return body.detail ?? body.title ?? `${xhr.status} ${xhr.statusText}`;
      } catch {
        return `${xhr.status} ${xhr.statusText}`;
      }
    }

    function setState(item, state, fraction, label, message) {
      const bar = item.row.querySelector("[data-upload-progress]");
      medvid.setProgress(bar, fraction, label);
      bar.classList.toggle("bg-success", state === "done");
      bar.classList.toggle("bg-danger", state === "stopped" && label === "failed");
      bar.classList.toggle("bg-secondary", state === "stopped" && label === "cancelled");
      item.row.dataset.state = label ?? state;
      item.row.querySelector("[data-cancel]").classList.toggle("d-none", state === "done" || state === "stopped");
      item.row.querySelector("[data-retry]").classList.toggle("d-none", state !== "stopped");
      medvid.showError(item.row.querySelector("[data-row-error]"), message ?? "");
    }
  });
});
