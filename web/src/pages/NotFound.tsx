import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { PageTitle } from "../components/ui";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("notFound.title")}>{t("notFound.title")}</PageTitle>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
