// Charts drawn in SVG, each with a text alternative: the SVG has a title and a description, and
// the same figures are available as a data table just below (WCAG 1.1.1, 1.4.1: colours are
// never the only carrier — the legend names each series and the table gives every value).
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "./ui";

export interface Series {
  key: string;
  label: string;
  color: string;
}

const W = 720;
const H = 260;
const M = { top: 12, right: 16, bottom: 36, left: 44 };

function niceMax(v: number): number {
  if (v <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(v));
  const n = v / p;
  const step = n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10;
  return step * p;
}

function ticks(max: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
}

function shortDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  return d.toLocaleDateString("fr-FR", { day: "2-digit", month: "2-digit" });
}

function Axes({ max, labels, x }: { max: number; labels: string[]; x: (i: number) => number }) {
  const plotH = H - M.top - M.bottom;
  const every = Math.max(1, Math.ceil(labels.length / 10));
  return (
    <g className="axes">
      {ticks(max).map((v) => {
        const y = M.top + plotH - (v / max) * plotH;
        return (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y} y2={y} className="grid" />
            <text x={M.left - 6} y={y + 4} textAnchor="end">
              {formatNumber(v)}
            </text>
          </g>
        );
      })}
      {labels.map((l, i) =>
        i % every === 0 || i === labels.length - 1 ? (
          <text key={l} x={x(i)} y={H - M.bottom + 18} textAnchor="middle">
            {shortDay(l)}
          </text>
        ) : null,
      )}
    </g>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function DataTable({
  caption,
  days,
  series,
  value,
}: {
  caption: string;
  days: string[];
  series: Series[];
  value: (day: number, key: string) => number;
}) {
  const { t } = useTranslation();
  return (
    <details className="chart-data">
      <summary>{t("charts.showData")}</summary>
      <div className="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("charts.day")}</th>
              {series.map((s) => (
                <th scope="col" key={s.key} className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}>
                <th scope="row">{formatDate(d)}</th>
                {series.map((s) => (
                  <td key={s.key} className="num">
                    {formatNumber(value(i, s.key))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ChartFigure({
  title,
  description,
  children,
  legend,
  table,
}: {
  title: string;
  description: string;
  children: (ids: { title: string; desc: string }) => ReactNode;
  legend?: ReactNode;
  table: ReactNode;
}) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
      </figcaption>
      {children(ids)}
      <p className="visually-hidden" id={ids.desc}>
        {description}
      </p>
      {legend}
      {table}
    </figure>
  );
}

/** Stacked bars: one bar per day, one segment per series. */
export function StackedBarChart({
  title,
  description,
  days,
  series,
  value,
}: {
  title: string;
  description: string;
  days: string[];
  series: Series[];
  value: (day: number, key: string) => number;
}) {
  const totals = days.map((_, i) => series.reduce((n, s) => n + value(i, s.key), 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, days.length);
  const barW = Math.max(2, band * 0.7);
  const x = (i: number) => M.left + band * i + band / 2;
  return (
    <ChartFigure
      title={title}
      description={description}
      legend={<Legend series={series} />}
      table={<DataTable caption={title} days={days} series={series} value={value} />}
    >
      {(ids) => (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={ids.title}
          aria-describedby={ids.desc}
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={ids.title}>{title}</title>
          <Axes max={max} labels={days} x={x} />
          <g>
            {days.map((d, i) => {
              let y = M.top + plotH;
              return (
                <g key={d}>
                  {series.map((s) => {
                    const v = value(i, s.key);
                    const h = (v / max) * plotH;
                    y -= h;
                    return v > 0 ? (
                      <rect key={s.key} x={x(i) - barW / 2} y={y} width={barW} height={h} fill={s.color}>
                        <title>{`${formatDate(d)} — ${s.label} : ${formatNumber(v)}`}</title>
                      </rect>
                    ) : null;
                  })}
                </g>
              );
            })}
          </g>
        </svg>
      )}
    </ChartFigure>
  );
}

/** Line chart of one or more series over days. */
export function LineChart({
  title,
  description,
  days,
  series,
  value,
}: {
  title: string;
  description: string;
  days: string[];
  series: Series[];
  value: (day: number, key: string) => number;
}) {
  const all = days.flatMap((_, i) => series.map((s) => value(i, s.key)));
  const max = niceMax(Math.max(1, ...all));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const step = days.length > 1 ? plotW / (days.length - 1) : 0;
  const x = (i: number) => (days.length > 1 ? M.left + step * i : M.left + plotW / 2);
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  return (
    <ChartFigure
      title={title}
      description={description}
      legend={series.length > 1 ? <Legend series={series} /> : null}
      table={<DataTable caption={title} days={days} series={series} value={value} />}
    >
      {(ids) => (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={ids.title}
          aria-describedby={ids.desc}
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={ids.title}>{title}</title>
          <Axes max={max} labels={days} x={x} />
          <g>
            {series.map((s) => (
              <g key={s.key}>
                <polyline
                  fill="none"
                  stroke={s.color}
                  strokeWidth={3}
                  points={days.map((_, i) => `${x(i)},${y(value(i, s.key))}`).join(" ")}
                />
                {days.map((d, i) => (
                  <circle key={d} cx={x(i)} cy={y(value(i, s.key))} r={3.5} fill={s.color}>
                    <title>{`${formatDate(d)} — ${s.label} : ${formatNumber(value(i, s.key))}`}</title>
                  </circle>
                ))}
              </g>
            ))}
          </g>
        </svg>
      )}
    </ChartFigure>
  );
}
