// The apology draft: typed, read and printed in the browser alone. No trait holds its text,
// so it never reaches the kernel, the data folder or any saved version; a reload loses it,
// as the page says. Printing writes it into a blank frame (as text, never markup), prints
// it once and clears the box.
function render({ model, el }) {
  const words = model.get("labels");
  const box = document.createElement("div");
  box.className = "ck-apology-draft";
  const label = document.createElement("label");
  label.textContent = words.label;
  const area = document.createElement("textarea");
  area.rows = 6;
  area.maxLength = 5000;
  area.setAttribute("autocomplete", "off");
  area.spellcheck = true;
  label.appendChild(area);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button";
  button.textContent = words.print;
  const status = document.createElement("p");
  status.className = "ck-help";
  status.setAttribute("role", "status");
  box.append(label, button, status);
  el.appendChild(box);

  button.addEventListener("click", () => {
    const text = area.value.trim();
    if (!text) {
      status.textContent = words.empty;
      return;
    }
    const frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.style.position = "fixed";
    frame.style.width = "0";
    frame.style.height = "0";
    frame.style.border = "0";
    document.body.appendChild(frame);
    const doc = frame.contentDocument;
    const body = doc.body;
    const para = doc.createElement("div");
    para.style.whiteSpace = "pre-wrap";
    para.style.font = "12pt/1.5 serif";
    para.textContent = text;
    const foot = doc.createElement("p");
    foot.style.font = "9pt sans-serif";
    foot.textContent = words.footer;
    body.append(para, foot);
    try {
      frame.contentWindow.print();
    } finally {
      window.setTimeout(() => frame.remove(), 1000);
      area.value = "";
      status.textContent = words.printed;
    }
  });
}

export default { render };
