-- Argo CD health check for lakegate.io/DatabricksWorkspace.
-- A workspace whose spec or credential references cannot be resolved is Degraded; Ready=True on the current
-- generation is Healthy; anything else is still being reconciled.
local hs = { status = "Progressing", message = "Waiting for the operator to reconcile" }
if obj.status == nil then
  return hs
end
if obj.status.observedGeneration == nil or obj.metadata.generation == nil
    or obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end
for _, c in ipairs(obj.status.conditions or {}) do
  if c.type == "Accepted" and c.status == "False" then
    hs.status = "Degraded"
    hs.message = (c.reason or "NotAccepted") .. ": " .. (c.message or "")
    return hs
  end
  if c.type == "Ready" and c.status == "True" then
    hs.status = "Healthy"
    hs.message = c.message or "Ready"
  elseif c.type == "Ready" then
    hs.message = (c.reason or "NotReady") .. ": " .. (c.message or "")
  end
end
return hs
