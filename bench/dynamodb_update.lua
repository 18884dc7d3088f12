-- wrk script: DynamoDB UpdateItem against moto server (the peer `make bench-peers` measures),
-- round three items, as an AWS SDK sends it (moto checks no signature).
local ids = {"40001", "40002", "40003"}
local n = 0
local headers = {
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00",
  ["X-Amz-Date"] = "20260101T000000Z",
  ["X-Amz-Target"] = "DynamoDB_20120810.UpdateItem",
  ["Content-Type"] = "application/x-amz-json-1.0",
}

request = function()
  n = n + 1
  local body = '{"TableName": "campaigns", "Key": {"id": {"S": "' .. ids[n % 3 + 1] .. '"}}, '
    .. '"UpdateExpression": "SET description = :d", '
    .. '"ExpressionAttributeValues": {":d": {"S": "bench update ' .. n .. '"}}, "ReturnValues": "NONE"}'
  return wrk.format("POST", "/", headers, body)
end
