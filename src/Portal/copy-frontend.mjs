// Copies the browser builds of the npm packages into wwwroot/lib, where the portal serves them from.
import { copyFileSync, mkdirSync } from "node:fs";

const files = [
  "node_modules/bootstrap/dist/css/bootstrap.min.css",
  "node_modules/bootstrap/dist/js/bootstrap.bundle.min.js",
  "node_modules/chart.js/dist/chart.umd.js",
];
mkdirSync("wwwroot/lib", { recursive: true });
for (const file of files) copyFileSync(file, `wwwroot/lib/${file.split("/").pop()}`);
