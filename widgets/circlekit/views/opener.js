// Opens another page of the app when the kernel sets `href` (e.g. a circle just created).
// Only on the app's own pages: inside JupyterLab the address belongs to Lab.
const OWN_ADDRESS = /\/voila\/render\//.test(window.location.pathname);

function render({ model, el }) {
  el.hidden = true;
  model.on("change:href", () => {
    const href = model.get("href");
    if (href && OWN_ADDRESS) window.location.assign(href);
  });
}

export default { render };
