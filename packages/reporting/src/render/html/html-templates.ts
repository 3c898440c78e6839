import type Handlebars from "handlebars";

/**
 * The report's Handlebars templates. Every value goes through `{{ }}` (HTML-escaped);
 * the one `{{{css}}}` is the stylesheet built from a checked theme.
 */
const sources = {
  head: `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spoc reporting">
<title>{{title}}</title>
<style>{{{css}}}</style>
</head>
<body>
<main class="report">
<header class="report-header">
{{#if services}}<p class="eyebrow">{{services}}</p>{{/if}}
<h1>{{title}}</h1>
{{#if subtitle}}<p class="subtitle">{{subtitle}}</p>{{/if}}
<dl class="facts">
<div><dt>Period</dt><dd>{{period}}</dd></div>
<div><dt>Time zone</dt><dd>{{timeZone}}</dd></div>
<div><dt>Generated</dt><dd>{{generatedAt}}</dd></div>
{{#each facts}}<div><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/each}}
</dl>
</header>
<section class="card table-section">
<div class="table-wrap">
<table>
<colgroup>{{#each columns}}<col style="width:{{width}}%">{{/each}}</colgroup>
<thead><tr>{{#each columns}}<th class="{{align}}" scope="col">{{label}}</th>{{/each}}</tr></thead>
<tbody>
`,
  rows: `{{#each rows}}{{#if group}}<tr class="group"><th{{#if long}} class="long"{{/if}} colspan="{{../span}}" scope="rowgroup">{{group}}</th></tr>
{{else}}<tr{{#if cls}} class="{{cls}}"{{/if}}>{{#each cells}}<td class="{{a}}"{{#if span}} colspan="{{span}}"{{/if}}>{{t}}</td>{{/each}}</tr>
{{/if}}{{/each}}`,
  foot: `</tbody>
{{#if total}}<tfoot><tr class="total">{{#each total}}<td class="{{a}}"{{#if span}} colspan="{{span}}"{{/if}}>{{t}}</td>{{/each}}</tr></tfoot>
{{/if}}</table>
</div>
{{#if empty}}<p class="empty">No rows in this period.</p>{{/if}}
{{#if cut}}<p class="empty">{{cut}}</p>{{/if}}
</section>
{{#if chart}}<section class="card chart-section">
<h2>{{chart.title}}{{#if chart.note}} <span class="muted note">{{chart.note}}</span>{{/if}}</h2>
{{#if chart.empty}}<p class="empty">{{chart.empty}}</p>
{{else}}{{#if chart.legend.length}}<div class="legend">{{#each chart.legend}}<span style="--c:{{color}}">{{label}}</span>{{/each}}</div>{{/if}}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{chart.width}} {{chart.height}}" role="img" aria-label="{{chart.title}}" font-family="inherit" font-size="11">
{{#each chart.ticks}}<line x1="{{../chart.plot.x}}" x2="{{../chart.right}}" y1="{{y}}" y2="{{y}}" stroke="{{../chart.grid}}" stroke-width="1"/><text x="{{../chart.tickX}}" y="{{y}}" dy="4" text-anchor="end" fill="{{../chart.muted}}">{{label}}</text>
{{/each}}<line x1="{{chart.plot.x}}" x2="{{chart.right}}" y1="{{chart.baseline}}" y2="{{chart.baseline}}" stroke="{{chart.axis}}" stroke-width="1.2"/>
{{#each chart.bars}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" rx="2" fill="{{color}}"><title>{{tip}}</title></rect>
{{/each}}{{#each chart.lines}}<polyline fill="none" stroke="{{color}}" stroke-width="2.5" stroke-linejoin="round" points="{{points}}"/>{{#each dots}}<circle cx="{{x}}" cy="{{y}}" r="3.5" fill="{{../color}}"><title>{{tip}}</title></circle>{{/each}}
{{/each}}{{#each chart.categories}}{{#if ../chart.rotate}}<text transform="translate({{x}} {{../chart.labelY}}) rotate(-40)" text-anchor="end" fill="{{../chart.muted}}"><title>{{full}}</title>{{label}}</text>{{else}}<text x="{{x}}" y="{{../chart.labelY}}" dy="10" text-anchor="middle" fill="{{../chart.muted}}"><title>{{full}}</title>{{#if second}}<tspan x="{{x}}">{{first}}</tspan><tspan x="{{x}}" dy="13">{{second}}</tspan>{{else}}{{label}}{{/if}}</text>{{/if}}
{{/each}}</svg>
{{/if}}</section>
{{/if}}<footer class="report-footer">{{rowCount}} · generated {{generatedAt}} by spoc</footer>
</main>
</body>
</html>
`,
} as const;

type TemplateName = keyof typeof sources;

let compiled: Record<TemplateName, Handlebars.TemplateDelegate> | undefined;

/**
 * The compiled templates, built once in an isolated Handlebars environment (no global helpers).
 * @example
 * (await htmlTemplates()).head({ title: "<b>" }) // contains "&lt;b&gt;"
 */
export const htmlTemplates = async (): Promise<Record<TemplateName, Handlebars.TemplateDelegate>> => {
  if (compiled === undefined) {
    // Loaded on first use, like exceljs and pdfkit: hosts that never render HTML do not load it.
    const { default: handlebars } = await import("handlebars");
    const hb = handlebars.create();
    const options = { knownHelpersOnly: true, preventIndent: true };
    compiled = {
      head: hb.compile(sources.head, options),
      rows: hb.compile(sources.rows, options),
      foot: hb.compile(sources.foot, options),
    };
  }
  return compiled;
};
