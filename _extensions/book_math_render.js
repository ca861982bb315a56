// Typeset TeX formulas to CommonHTML with the MathJax the book pins (used by book_math.py).
// stdin: JSON {"formulas": [[id, tex, display], ...], "css": bool}
// stdout: JSON {"html": [[id, html], ...], "errors": [[id, message], ...], "css": text|null}
// argv[2]: MathJax's es5 folder. The stylesheet is the complete one (adaptiveCSS off), so
// it serves every formula of the book, whichever process typeset it.
const fs = require('fs');
const es5 = process.argv[2];
// Every TeX extension the browser could have autoloaded, loaded up front; an undefined
// macro is then an error here rather than a red formula on a page.
const skip = new Set(['bussproofs', 'noundefined', 'noerrors', 'autoload', 'require',
  'all-packages', 'colorv2', 'setoptions']);
const packages = fs.readdirSync(es5 + '/input/tex/extensions')
  .filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).filter((p) => !skip.has(p));
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
require(es5 + '/node-main.js').init({
  loader: {
    paths: {mathjax: es5},
    load: ['input/tex-base', 'output/chtml', 'adaptors/liteDOM', 'a11y/assistive-mml']
      .concat(packages.map((p) => '[tex]/' + p)),
  },
  tex: {packages: {'[+]': packages}},
  // relative to the stylesheet, which is written to _static/mathjax/
  chtml: {fontURL: 'output/chtml/fonts/woff-v2', adaptiveCSS: false},
  startup: {typeset: false},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const result = {html: [], errors: [], css: null};
  for (const [id, tex, display] of job.formulas) {
    let message = null;
    try {
      const node = MathJax.tex2chtml(tex, {display});
      // A wide display formula scrolls sideways (book.css); keyboard users must be able
      // to reach it to scroll it, as they could in MathJax's own browser output.
      if (display) adaptor.setAttribute(node, 'tabindex', '0');
      const html = adaptor.outerHTML(node);
      const found = html.match(/data-mjx-error="([^"]*)"/);
      if (found) message = found[1];
      else result.html.push([id, html]);
    } catch (err) {
      message = err.message;
    }
    if (message !== null) result.errors.push([id, message]);
  }
  if (job.css) result.css = adaptor.textContent(MathJax.chtmlStylesheet());
  process.stdout.write(JSON.stringify(result));
}).catch((err) => { console.error(err.message); process.exit(2); });
