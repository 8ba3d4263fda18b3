{{- define "netready.name" -}}{{ .Release.Name }}-{{ .Chart.Name | trunc 40 }}{{- end -}}
{{- define "netready.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "netready.tlsSecret" -}}{{ .Values.tls.existingSecret | default (printf "%s-tls" (include "netready.name" .)) }}{{- end -}}
{{/* The data flags shared by serve and token create, as a YAML list of arguments. */}}
{{- define "netready.dataArgs" -}}
{{- if .Values.database.url -}}
- --db-url={{ .Values.database.url }}
- --db-user={{ .Values.database.user }}
- --db-password-file=/etc/netready/db/password
{{- else -}}
- --data=/var/lib/netready
{{- end -}}
{{- end -}}
{{/* Shared by the tokens init container and the collector. */}}
{{- define "netready.volumeMounts" -}}
- { name: data, mountPath: /var/lib/netready }
- { name: tmp, mountPath: /tmp }
{{- if .Values.tls.enabled }}
- { name: tls, mountPath: /etc/netready/tls, readOnly: true }
{{- end }}
{{- if .Values.policy }}
- { name: policy, mountPath: /etc/netready/policy, readOnly: true }
{{- end }}
{{- if .Values.database.passwordSecret }}
- { name: db, mountPath: /etc/netready/db, readOnly: true }
{{- end }}
{{- end -}}
{{- define "netready.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: { drop: [ALL] }
{{- end -}}
{{- define "netready.healthz" -}}
httpGet:
  path: /healthz
  port: http
  scheme: {{ ternary "HTTPS" "HTTP" .Values.tls.enabled }}
  {{- if .Values.addresses.primary }}
  host: {{ .Values.addresses.primary }}
  {{- end }}
{{- end -}}
