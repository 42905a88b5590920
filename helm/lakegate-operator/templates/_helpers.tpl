{{/* Chart name, overridable. */}}
{{- define "lakegate-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "lakegate-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "lakegate-operator.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "lakegate-operator.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "lakegate-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lakegate-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lakegate-operator.labels" -}}
{{ include "lakegate-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: lakegate
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "lakegate-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lakegate-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* "true" when leader election is on: asked for, or needed because more than one replica runs. */}}
{{- define "lakegate-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ end }}
{{- end }}

{{- define "lakegate-operator.leaseName" -}}
{{- default (printf "%s-leader" (include "lakegate-operator.fullname" .)) .Values.leaderElection.leaseName }}
{{- end }}

{{- define "lakegate-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The permissions the operator needs in every namespace it reconciles, shared by the ClusterRole (all namespaces) and
the per-namespace Roles (watchNamespaces). Keep in step with the operator's controllers and dependents; the e2e chart
tests assert this exact list and check it on a real apiserver. "get" rides along with "list" on purpose: it grants
nothing that list does not already return, and keeps a cache miss from turning into a 403.
*/}}
{{- define "lakegate-operator.rules" -}}
# the custom resources: read through informers; conditions written with a status patch (no finalizers are used)
- apiGroups: ["lakegate.io"]
  resources: ["databricksworkspaces", "mcpconnectors"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["lakegate.io"]
  resources: ["databricksworkspaces/status", "mcpconnectors/status"]
  verbs: ["patch"]
# an McpConnector's children: created (server-side apply), kept as rendered, deleted when a feature is switched off
- apiGroups: [""]
  resources: ["configmaps", "services", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies", "ingresses"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# referenced credentials: read and watched (a rotation rolls the connector pods), never changed; the one Secret the
# operator writes is each connector's generated session key, created once and never updated or deleted by it
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create"]
# an Event when a resource's Accepted or Ready condition changes
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
{{- end }}
