// Berth console: follows a sync's progress (server-sent events) and filters the units table. No framework.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const live = document.getElementById("live");
  if (live) {
    const result = document.getElementById("live-result");
    const events = new EventSource(live.dataset.events);
    const box = document.getElementById("overview-live"); // on the overview: shown once a sync starts
    const add = (text) => {
      if (box) { box.hidden = false; }
      const li = document.createElement("li"); li.textContent = text; live.appendChild(li);
    };
    events.addEventListener("step", (e) => add(e.data));
    const end = (ok) => (e) => {
      events.close();
      result.textContent = (ok ? "Done: " : "Failed: ") + e.data;
      result.className = ok ? "done" : "error";
      result.dataset.state = ok ? "done" : "failed";
      if (live.dataset.reload) { setTimeout(() => location.reload(), 1500); } // the overview: show the new state
    };
    events.addEventListener("done", end(true));
    events.addEventListener("failed", end(false));
  }
  const filter = document.getElementById("unit-filter");
  if (filter) {
    const rows = document.querySelectorAll("#" + filter.dataset.filters + " tbody tr");
    filter.addEventListener("input", () => {
      const q = filter.value.toLowerCase();
      rows.forEach((r) => { r.hidden = q !== "" && !r.textContent.toLowerCase().includes(q); });
    });
  }
});
