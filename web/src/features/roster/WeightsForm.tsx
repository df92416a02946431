// Soft-goal weights of a planning period: how much the solver cares about each goal. Saved on the
// period and used by the next calculation.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { ErrorAlert } from "../../components/ui";
import { NS } from "./i18n";
import { DEFAULT_WEIGHTS, type Period, WEIGHT_KEYS, type WeightKey } from "./types";

export function WeightsForm({ period, onSaved }: { period: Period; onSaved: (message: string) => void }) {
  const { t } = useTranslation(NS);
  const initial = () =>
    Object.fromEntries(
      WEIGHT_KEYS.map((k) => [k, String(period.settings.weights?.[k] ?? DEFAULT_WEIGHTS[k])]),
    ) as Record<WeightKey, string>;
  const [values, setValues] = useState(initial);
  const [maxConsecutive, setMaxConsecutive] = useState(String(period.settings.maxConsecutive ?? 5));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const weights = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, Number(values[k])]));
      await api.put(`/api/rosters/${period.id}/settings`, {
        weights,
        maxConsecutive: Number(maxConsecutive),
      });
      onSaved(t("weightsSaved"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-labelledby="weights-title">
      <h3 id="weights-title">{t("weightsTitle")}</h3>
      <p>{t("weightsIntro")}</p>
      <ErrorAlert error={error} />
      <div className="roster-weights">
        {WEIGHT_KEYS.map((k) => (
          <div key={k}>
            <label htmlFor={`weight-${k}`}>
              {t(`weight.${k}`)}
              <span className="hint" id={`weight-${k}-hint`}>
                {t(`weightHint.${k}`, { value: DEFAULT_WEIGHTS[k] })}
              </span>
            </label>
            <input
              id={`weight-${k}`}
              type="number"
              min={0}
              max={1_000_000}
              step="any"
              required
              aria-describedby={`weight-${k}-hint`}
              value={values[k]}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            />
          </div>
        ))}
        <div>
          <label htmlFor="weight-maxConsecutive">
            {t("maxConsecutive")}
            <span className="hint" id="weight-maxConsecutive-hint">
              {t("maxConsecutiveHint")}
            </span>
          </label>
          <input
            id="weight-maxConsecutive"
            type="number"
            min={1}
            max={31}
            required
            aria-describedby="weight-maxConsecutive-hint"
            value={maxConsecutive}
            onChange={(e) => setMaxConsecutive(e.target.value)}
          />
        </div>
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t("saveWeights")}
        </button>{" "}
        <button
          type="button"
          className="button-secondary"
          onClick={() => setValues(initialDefaults())}
          disabled={busy}
        >
          {t("resetWeights")}
        </button>
      </p>
    </form>
  );
}

const initialDefaults = () =>
  Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(DEFAULT_WEIGHTS[k])])) as Record<WeightKey, string>;
