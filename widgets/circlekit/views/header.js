// The circle workspace's sticky header: circle name, stepper, save state, quick exit.
// Everything typed by people reaches the page through textContent, never innerHTML.
// It also keeps the page honest: a heartbeat to the kernel shows "Not saved" as soon as the
// connection is gone, the address follows the step (Back/Forward work), and the browser
// asks before leaving while anything is unsaved.

const PING_MS = 250;
// A kernel may be busy for a while (building the other steps): only a long silence means
// it is gone. A stopped app is found sooner: a late answer makes the page ask the server
// itself for a small file, and a refused connection means nothing more can be saved.
const LOST_AFTER_MS = 4000;
const ASK_SERVER_AFTER_MS = 400;
const SERVER_FILE = "../static/favicon.ico";

function make(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

// Only a Voila page belongs to the workspace alone; inside JupyterLab the address is Lab's.
const OWN_ADDRESS = /\/voila\/render\//.test(window.location.pathname);

function stepFromAddress() {
  return new URLSearchParams(window.location.search).get("step");
}

function addressFor(step) {
  const url = new URL(window.location.href);
  url.searchParams.set("step", step);
  return url.pathname + url.search + url.hash;
}

function render({ model, el }) {
  const labels = model.get("labels");
  el.classList.add("ck-header");

  const top = make("div", { class: "ck-header-top" });
  const all = make("a", { href: model.get("start_href"), class: "ck-all-circles" },
    labels.all_circles);
  const name = make("p", { class: "ck-circle-name" });
  const exit = make("a", { href: "about:blank", rel: "noreferrer", class: "ck-quick-exit" },
    labels.quick_exit);
  exit.addEventListener("click", (event) => {
    // Blank first so Back shows nothing; no "leave this page?" question on the way out.
    event.preventDefault();
    window.ckLeaving = true;
    try {
      // This tab shows no page of the app again, even if Back reloads one.
      window.sessionStorage.setItem("ck-exited", "1");
    } catch (_error) {
      // Storage may be off; the page is still blanked.
    }
    document.body.innerHTML = "";
    window.location.replace("about:blank");
  });
  top.append(all, name, exit);

  const nav = make("nav", { class: "ck-stepper", "aria-label": labels.steps });
  const list = make("ol");
  nav.append(list);
  const status = make("div", { class: "ck-save-status" });
  el.append(top, nav, status);

  let lastPong = Date.now();
  let lost = false;
  let typedSinceLost = false;
  // Typed here but not yet seen by the kernel: never show "saved" over it. The kernel handles
  // messages in order, so a pong to a later ping means the typing has reached it.
  let typedAtBeat = null;
  let beat = 0;

  function drawName() {
    name.textContent = model.get("circle_name");
  }

  function drawSteps() {
    // Redrawn after saves that change a step's state: keep keyboard focus where it was.
    const focused = list.contains(document.activeElement)
      ? document.activeElement.dataset.step : null;
    list.replaceChildren();
    const current = model.get("step");
    for (const step of model.get("steps")) {
      const item = make("li", { class: `ck-step-item ck-step-${step.state}` });
      const link = make("a", { href: addressFor(step.key), "data-step": step.key });
      link.append(make("span", { class: "ck-step-label" }, step.label));
      if (step.note) link.append(make("span", { class: "ck-step-note" }, step.note));
      if (step.key === current) link.setAttribute("aria-current", "step");
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab loads it
        event.preventDefault();
        model.set("step", step.key);
        model.save_changes();
      });
      item.append(link);
      list.append(item);
      if (step.key === focused) link.focus({ preventScroll: true });
    }
  }

  function drawStatus() {
    let state = lost ? "lost" : model.get("save_state");
    if (state === "saved" && typedAtBeat !== null) state = "typing";
    status.replaceChildren();
    status.dataset.state = state;
    status.dataset.version = String(model.get("version"));
    if (state === "saved") {
      status.setAttribute("role", "status");
      status.append(make("p", { class: "ck-saved" }, `✓ ${model.get("save_message")}`));
    } else if (state === "pending" || state === "typing") {
      status.setAttribute("role", "status");
      status.append(make("p", { class: "ck-saving" },
        state === "typing" ? labels.saving : model.get("save_message")));
    } else if (state === "waiting") {
      // Calm (a status, not an alert): it follows typing, and the field itself says why.
      status.setAttribute("role", "status");
      const box = make("div", { class: "ck-message ck-error ck-waiting" });
      const step = model.get("waiting_step");
      const show = make("a", { href: addressFor(step), class: "ck-show-waiting" },
        labels.show_it);
      show.addEventListener("click", (event) => {
        event.preventDefault();
        if (model.get("step") !== step) {
          model.set("step", step);
          model.save_changes();
        }
        showWaiting(step);
      });
      box.append(make("strong", {}, labels.not_saved), " ", model.get("save_message"), " ",
        show);
      status.append(box);
    } else {
      status.setAttribute("role", "alert");
      const box = make("div", {
        class: `ck-message ck-error ${state === "lost" ? "ck-not-saved" : "ck-conflict"}`,
      });
      box.append(make("strong", {}, labels.not_saved), " ",
        state === "lost" ? labels.connection_lost : model.get("save_message"));
      status.append(box);
    }
  }

  function centreCurrent() {
    // On a phone the stepper scrolls sideways: keep the open step in sight.
    const current = list.querySelector("[aria-current]");
    if (!current || list.scrollWidth <= list.clientWidth) return;
    const item = current.parentElement.getBoundingClientRect();
    const strip = list.getBoundingClientRect();
    list.scrollLeft += item.left - strip.left - (strip.width - item.width) / 2;
  }

  function announce(step, tries = 40) {
    // Move to the new step's title once it is drawn, as a page load would: the top of the
    // step in view, and screen readers hear where they are.
    const title = document.querySelector(`.ck-step-${step} .ck-step-title`);
    if (title && title.offsetParent !== null) {
      title.scrollIntoView({ block: "start" });
      title.focus({ preventScroll: true });
    } else if (tries > 0) {
      window.setTimeout(() => announce(step, tries - 1), 50);
    }
  }

  function showWaiting(step, tries = 40) {
    // The field's own message, or the entry's "fill in …" line, once the step is drawn.
    const view = document.querySelector(`.ck-step-${step}`);
    const target = view && (view.querySelector(".ck-field-error")
      || view.querySelector(".ck-form-message .ck-message"));
    if (target && target.offsetParent !== null) {
      target.scrollIntoView({ block: "center" });
    } else if (tries > 0) {
      window.setTimeout(() => showWaiting(step, tries - 1), 50);
    }
  }

  function followStep() {
    const step = model.get("step");
    if (OWN_ADDRESS && stepFromAddress() !== step) {
      window.history.pushState({ step }, "", addressFor(step));
    }
    drawSteps();
    centreCurrent();
    announce(step);
  }

  function onPopState() {
    const step = stepFromAddress();
    if (step && step !== model.get("step")) {
      model.set("step", step);
      model.save_changes();
    }
  }

  function onBeforeUnload(event) {
    if (window.ckLeaving) return undefined;
    const unsaved = lost ? typedSinceLost
      : model.get("save_state") !== "saved" || typedAtBeat !== null;
    if (!unsaved) return undefined;
    event.preventDefault();
    event.returnValue = "";
    return "";
  }

  function onInput(event) {
    const page = el.closest(".ck-workspace");
    if (!page || !page.contains(event.target) || el.contains(event.target)) return;
    if (lost) typedSinceLost = true;
    if (typedAtBeat === null) {
      typedAtBeat = beat;
      drawStatus();
    }
    // Ask at once rather than at the next beat: the answer comes after the edit is handled.
    window.setTimeout(ping, 0);
  }

  function onMessage(message) {
    if (message && message.pong !== undefined) {
      lastPong = Date.now();
      const seen = typedAtBeat !== null && message.pong > typedAtBeat;
      if (seen) typedAtBeat = null;
      if (lost || seen) {
        lost = false;
        drawStatus();
      }
    }
  }

  function ping() {
    beat += 1;
    try {
      model.send({ ping: beat });
    } catch (_error) {
      // A closed connection throws here; the heartbeat reports it.
    }
  }

  function markLost() {
    if (lost) return;
    lost = true;
    drawStatus();
  }

  let asking = false;
  async function askServer() {
    // Any answer of its own (even "not found") means the server is there. No connection, a
    // proxy's 5xx, or a hub's "not running" (424, or a redirect to the hub) means it is not.
    if (asking || !OWN_ADDRESS) return;
    asking = true;
    const askedAt = Date.now();
    try {
      const answer = await fetch(new URL(SERVER_FILE, window.location.href),
        { method: "HEAD", cache: "no-store", credentials: "same-origin" });
      if (answer.status >= 500 || answer.status === 424 || answer.redirected) {
        throw new Error("no server");
      }
    } catch (_error) {
      if (lastPong < askedAt) markLost(); // unless the kernel answered meanwhile
    } finally {
      window.setTimeout(() => { asking = false; }, PING_MS);
    }
  }

  const timer = window.setInterval(() => {
    ping();
    const silent = Date.now() - lastPong;
    if (silent > LOST_AFTER_MS) markLost();
    else if (silent > ASK_SERVER_AFTER_MS) askServer();
  }, PING_MS);

  // The address says which step is open, so a reload or a shared link opens it again.
  if (OWN_ADDRESS) {
    window.history.replaceState({ step: model.get("step") }, "", addressFor(model.get("step")));
  }
  drawName();
  drawSteps();
  drawStatus();
  window.requestAnimationFrame(centreCurrent);
  model.on("change:circle_name", drawName);
  model.on("change:steps", drawSteps);
  model.on("change:step", followStep);
  model.on("change:save_state", drawStatus);
  model.on("change:save_message", drawStatus);
  model.on("change:waiting_step", drawStatus);
  model.on("change:version", drawStatus);
  model.on("msg:custom", onMessage);
  const markPrepared = () => { el.dataset.prepared = model.get("prepared") ? "yes" : "no"; };
  markPrepared();
  model.on("change:prepared", markPrepared);
  model.on("change:reload_requested", () => {
    if (!model.get("reload_requested")) return;
    window.ckLeaving = true; // everything is stored: no "leave this page?" question
    window.setTimeout(() => window.location.reload(), 1500);
  });
  if (OWN_ADDRESS) window.addEventListener("popstate", onPopState);
  window.addEventListener("beforeunload", onBeforeUnload);
  // The kernel waits for this before it prepares the other steps in the background.
  model.send({ ready: true });
  // Bubbling, so the widget's own listener has sent the edit before the ping goes.
  document.addEventListener("input", onInput);

  return () => {
    window.clearInterval(timer);
    window.removeEventListener("popstate", onPopState);
    window.removeEventListener("beforeunload", onBeforeUnload);
    document.removeEventListener("input", onInput);
  };
}

export default { render };
