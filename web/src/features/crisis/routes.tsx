// Routes of the crisis cell under /crise (mounted by App.tsx as "crise/*").
import { Navigate, Route, Routes } from "react-router-dom";
import { useUser } from "../../auth";
import "./i18n";
import { BoardPage } from "./BoardPage";
import { CrisisHomePage } from "./CrisisHomePage";
import { LogPage } from "./LogPage";
import { ReportsPage } from "./ReportsPage";

export function CrisisRoutes() {
  const user = useUser();
  // Service managers read the log only (limited to their services).
  if (user.role === "service_manager") {
    return (
      <Routes>
        <Route path="main-courante" element={<LogPage />} />
        <Route path="*" element={<Navigate to="/crise/main-courante" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<CrisisHomePage />} />
      <Route path="activites" element={<BoardPage />} />
      <Route path="main-courante" element={<LogPage />} />
      <Route path="bilans" element={<ReportsPage />} />
    </Routes>
  );
}
