// "Mon planning": the agent's own published on-site days, their wishes (come on site or not on a
// day — honoured by the next roster calculation when possible) and their personal iCal link.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import { ErrorAlert, Loading, Notice, PageTitle, todayIso, useLoad } from "../../components/ui";
import { NS } from "./i18n";
import { longDay, type PersonalRequest } from "./types";

interface ScheduleItem {
  day: string;
  periodId: string;
  periodName: string;
  activityName: string;
  siteName: string;
  version: number;
}

export function MySchedulePage() {
  const { t } = useTranslation(NS);
  const schedule = useLoad(
    (signal) => api.get<{ items: ScheduleItem[] }>("/api/me/schedule", undefined, signal),
    [],
  );
  const wishes = useLoad(
    (signal) => api.get<{ items: PersonalRequest[] }>("/api/me/roster-requests", undefined, signal),
    [],
  );
  const [form, setForm] = useState({ day: "", onSite: "on", weight: "1", note: "" });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [feed, setFeed] = useState<string | null>(null);
  const noAgent = schedule.error instanceof ApiError && schedule.error.code === "no_agent_record";

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.put("/api/me/roster-requests", {
        day: form.day,
        onSite: form.onSite === "on",
        weight: Number(form.weight),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      });
      setNotice(t("wishSaved", { day: longDay(form.day) }));
      wishes.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(day: string) {
    setError(null);
    try {
      await api.delete(`/api/me/roster-requests?day=${encodeURIComponent(day)}`);
      setNotice(t("wishRemoved", { day: longDay(day) }));
      wishes.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function createFeed() {
    setError(null);
    try {
      const res = await api.post<{ path: string }>("/api/me/calendar-feed");
      setFeed(new URL(res.path, window.location.origin).href);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle title={t("myTitle")}>{t("myTitle")}</PageTitle>
      <Notice message={notice} />
      <ErrorAlert error={error} />
      {noAgent ? (
        <p>{t("myNoAgent")}</p>
      ) : (
        <>
          <section aria-labelledby="my-days">
            <h2 id="my-days">{t("myDays")}</h2>
            {schedule.error ? (
              <ErrorAlert error={schedule.error} />
            ) : !schedule.data ? (
              <Loading />
            ) : schedule.data.items.length === 0 ? (
              <p>{t("myNoDays")}</p>
            ) : (
              <table>
                <caption>{t("myDaysCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("day")}</th>
                    <th scope="col">{t("activity")}</th>
                    <th scope="col">{t("site")}</th>
                    <th scope="col">{t("periodCol")}</th>
                  </tr>
                </thead>
                <tbody>
                  {schedule.data.items.map((x) => (
                    <tr key={`${x.periodId}:${x.day}`}>
                      <td>{longDay(x.day)}</td>
                      <td>{x.activityName}</td>
                      <td>{x.siteName}</td>
                      <td>{t("periodVersion", { name: x.periodName, number: x.version })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p>
              <button type="button" className="button-secondary" onClick={() => void createFeed()}>
                {t("myFeed")}
              </button>
            </p>
            {feed && (
              <p>
                {t("myFeedReady")} <code>{feed}</code>
              </p>
            )}
          </section>
          <section aria-labelledby="my-wishes">
            <h2 id="my-wishes">{t("myWishes")}</h2>
            <p>{t("myWishesIntro")}</p>
            {!wishes.data ? (
              <Loading />
            ) : wishes.data.items.length === 0 ? (
              <p>{t("myNoWishes")}</p>
            ) : (
              <ul>
                {wishes.data.items.map((w) => (
                  <li key={w.day}>
                    {longDay(w.day)} : {w.onSite ? t("wishOnLong") : t("wishOffLong")}
                    {w.note ? ` (${w.note})` : ""}{" "}
                    <button type="button" className="button-secondary" onClick={() => void remove(w.day)}>
                      {t("wishRemove")}
                      <span className="visually-hidden"> — {longDay(w.day)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={(e) => void add(e)} aria-labelledby="wish-form-title">
              <h3 id="wish-form-title">{t("wishAdd")}</h3>
              <p>
                <label htmlFor="wish-day">{t("day")}</label>{" "}
                <input
                  id="wish-day"
                  type="date"
                  required
                  min={todayIso()}
                  value={form.day}
                  onChange={(e) => setForm({ ...form, day: e.target.value })}
                />
              </p>
              <p>
                <label htmlFor="wish-kind">{t("wishKind")}</label>{" "}
                <select
                  id="wish-kind"
                  value={form.onSite}
                  onChange={(e) => setForm({ ...form, onSite: e.target.value })}
                >
                  <option value="on">{t("wishOnLong")}</option>
                  <option value="off">{t("wishOffLong")}</option>
                </select>
              </p>
              <p>
                <label htmlFor="wish-weight">{t("wishWeight")}</label>{" "}
                <select
                  id="wish-weight"
                  value={form.weight}
                  onChange={(e) => setForm({ ...form, weight: e.target.value })}
                >
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {t(`wishWeight${n}`)}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <label htmlFor="wish-note">{t("wishNote")}</label>{" "}
                <input
                  id="wish-note"
                  maxLength={500}
                  value={form.note}
                  onChange={(e) => setForm({ ...form, note: e.target.value })}
                />
              </p>
              <button type="submit">{t("wishSave")}</button>
            </form>
          </section>
        </>
      )}
    </>
  );
}
