// Check TeX formulas with the same MathJax the book ships (used by book_math.py).
// stdin: JSON [[id, tex, display], ...]; stdout: JSON [[id, message], ...] for the
// formulas MathJax cannot typeset. argv[2]: MathJax's es5 folder.
const fs = require('fs');
const es5 = process.argv[2];
// Every TeX extension the browser may autoload, loaded up front; undefined macros are
// errors here (the browser would only paint them red).
const skip = new Set(['bussproofs', 'noundefined', 'noerrors', 'autoload', 'require',
  'all-packages', 'colorv2', 'setoptions']);
const packages = fs.readdirSync(es5 + '/input/tex/extensions')
  .filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).filter((p) => !skip.has(p));
const formulas = JSON.parse(fs.readFileSync(0, 'utf8'));
require(es5 + '/node-main.js').init({
  loader: {paths: {mathjax: es5}, load: ['input/tex-base'].concat(packages.map((p) => '[tex]/' + p))},
  tex: {packages: {'[+]': packages}},
  startup: {typeset: false},
}).then((MathJax) => {
  const problems = [];
  for (const [id, tex, display] of formulas) {
    let message = null;
    try {
      const mml = MathJax.tex2mml(tex, {display});
      const found = mml.match(/data-mjx-error="([^"]*)"/);
      if (found) message = found[1];
    } catch (err) {
      message = err.message;
    }
    if (message !== null) problems.push([id, message]);
  }
  process.stdout.write(JSON.stringify(problems));
}).catch((err) => { console.error(err.message); process.exit(2); });
