// A file chooser in plain words: a button, then the chosen file's name (as text, never
// markup). The file is read here and sent to the kernel once; a file over the size limit is
// not sent at all, only its name and size, so the kernel can say why.
function render({ model, el }) {
  const labels = model.get("labels");
  el.classList.add("ck-picker");
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button";
  button.textContent = labels.button;
  const status = document.createElement("p");
  status.className = "ck-help";
  status.setAttribute("aria-live", "polite");
  const show = () => {
    const name = model.get("chosen");
    status.textContent = name ? labels.chosen.replace("{name}", name) : labels.none;
  };
  const accept = () => { input.accept = model.get("accept"); };
  accept();
  show();
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const limit = model.get("max_bytes");
    if (limit && file.size > limit) {
      model.send({ name: file.name, size: file.size });
      return;
    }
    const data = await file.arrayBuffer();
    model.send({ name: file.name, size: file.size }, undefined, [data]);
  });
  model.on("change:chosen", show);
  model.on("change:accept", accept);
  el.append(button, input, status);
}

export default { render };
