-- Argo CD health check for lakegate.io/McpConnector.
-- Healthy only when the operator has acted on the current generation and reports Ready=True; a spec the operator
-- cannot accept (missing Secret, unknown workspace, invalid combination) is Degraded; everything else is a rollout.
local hs = { status = "Progressing", message = "Waiting for the operator to reconcile" }
if obj.status == nil then
  return hs
end
if obj.status.observedGeneration == nil or obj.metadata.generation == nil
    or obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end
local conditions = {}
for _, c in ipairs(obj.status.conditions or {}) do
  conditions[c.type] = c
end
local accepted, ready, available = conditions["Accepted"], conditions["Ready"], conditions["Available"]
if accepted ~= nil and accepted.status == "False" then
  hs.status = "Degraded"
  hs.message = (accepted.reason or "NotAccepted") .. ": " .. (accepted.message or "")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Ready"
  return hs
end
if available ~= nil and available.status == "False" then
  hs.message = (available.reason or "Unavailable") .. ": " .. (available.message or "")
elseif ready ~= nil then
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
end
return hs
