// Routes of the app: the sign-in page, and every other page inside the authenticated layout.
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useAuth } from "./auth";
import { Layout } from "./components/Layout";
import { Loading } from "./components/ui";
import { CrisisRoutes } from "./features/crisis/routes";
import { OnCallPage } from "./features/oncall/OnCallPage";
import { FollowUpPage } from "./features/requests/FollowUpPage";
import { LexiconPage } from "./features/requests/LexiconPage";
import { PublicRequestPage } from "./features/requests/PublicRequestPage";
import { QuarantinePage } from "./features/requests/QuarantinePage";
import { QueuePage } from "./features/requests/QueuePage";
import { RequestDetailPage } from "./features/requests/RequestDetailPage";
import { RoutingRulesPage } from "./features/requests/RoutingRulesPage";
import { SavedAnswersPage } from "./features/requests/SavedAnswersPage";
import { SettingsPage as RequestSettingsPage } from "./features/requests/SettingsPage";
import { ActivitiesPage } from "./pages/Activities";
import { ActivityFormPage } from "./pages/ActivityForm";
import { AgentDetailPage } from "./pages/AgentDetail";
import { AgentImportPage } from "./pages/AgentImport";
import { AgentsPage } from "./pages/Agents";
import { AuditPage } from "./pages/Audit";
import { DashboardPage } from "./pages/Dashboard";
import { EquipmentPage } from "./pages/Equipment";
import "./features/roster/i18n";
import { MySchedulePage } from "./features/roster/MySchedulePage";
import { RosterPage } from "./features/roster/RosterPage";
import "./features/resilience/i18n";
import { ResiliencePage } from "./features/resilience/ResiliencePage";
import { NotFoundPage } from "./pages/NotFound";
import { ServicesPage } from "./pages/Services";
import { SignInPage } from "./pages/SignIn";
import { SitesPage } from "./pages/Sites";
import { ApplicationsPage, SkillsPage } from "./pages/Skills";

function RequireAuth() {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/connexion" replace state={{ from: location.pathname }} />;
  return <Layout />;
}

export function App() {
  return (
    <Routes>
      <Route path="/connexion" element={<SignInPage />} />
      <Route path="/demande" element={<PublicRequestPage />} />
      <Route path="/demande/:org" element={<PublicRequestPage />} />
      <Route path="/suivi/:token" element={<FollowUpPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<DashboardPage />} />
        <Route path="plan">
          <Route index element={<Navigate to="/plan/activites" replace />} />
          <Route path="sites" element={<SitesPage />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="activites" element={<ActivitiesPage />} />
          <Route path="activites/nouvelle" element={<ActivityFormPage />} />
          <Route path="activites/:id" element={<ActivityFormPage />} />
          <Route path="competences" element={<SkillsPage />} />
          <Route path="applications" element={<ApplicationsPage />} />
        </Route>
        <Route path="agents" element={<AgentsPage />} />
        <Route path="agents/import" element={<AgentImportPage />} />
        <Route path="agents/:id" element={<AgentDetailPage />} />
        <Route path="demandes" element={<QueuePage />} />
        <Route path="demandes/regles" element={<RoutingRulesPage />} />
        <Route path="demandes/quarantaine" element={<QuarantinePage />} />
        <Route path="demandes/reponses" element={<SavedAnswersPage />} />
        <Route path="demandes/lexique" element={<LexiconPage />} />
        <Route path="demandes/reglages" element={<RequestSettingsPage />} />
        <Route path="demandes/:id" element={<RequestDetailPage />} />
        <Route path="astreintes" element={<OnCallPage />} />
        <Route path="materiel" element={<EquipmentPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="roulements" element={<RosterPage />} />
        <Route path="mon-planning" element={<MySchedulePage />} />
        <Route path="crise/*" element={<CrisisRoutes />} />
        <Route path="resilience" element={<ResiliencePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
