// The create-campaign form: shows the item section of the chosen protocol's shape, and adds pair rows by copying
// an empty row (the server reads the rows as parallel lists, so a copy needs no renumbered names, only new ids).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-campaign-form]");
  if (!form) return;
  const protocol = form.querySelector("[data-protocol-select]");
  const showShape = () => {
    const shape = protocol.selectedOptions[0]?.dataset.shape ?? "single";
    form.querySelectorAll("[data-shape-section]").forEach(s => s.classList.toggle("d-none", s.dataset.shapeSection !== shape));
  };
  protocol.addEventListener("change", showShape);
  showShape();

  const rows = form.querySelector("[data-pair-rows]");
  form.querySelector("[data-add-pair]").addEventListener("click", () => {
    const copy = rows.lastElementChild.cloneNode(true);
    const n = rows.children.length;
    copy.querySelectorAll("input").forEach(input => { input.value = ""; });
    copy.querySelectorAll("select").forEach(select => { select.selectedIndex = 0; });
    copy.querySelectorAll("[id]").forEach(element => {
      const label = copy.querySelector(`label[for="${element.id}"]`);
      element.id = element.id.replace(/-\d+$/, `-${n}`);
      label?.setAttribute("for", element.id);
    });
    rows.appendChild(copy);
  });
});
