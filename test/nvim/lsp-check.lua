-- Drives Neovim's built-in LSP client (the 0.7 API: vim.lsp.start_client) against our server:
-- opens a record, waits for pushed diagnostics, asks for hover and completion, and writes what
-- arrived to a JSON file for test/protocol/neovim.test.ts. Inputs come from the environment:
--   IR_SERVER   dist/server.js          IR_ROOT    campaign folder     IR_RECORD  record file
--   IR_HOVER    "line,character"        IR_COMPLETE "line,character"   IR_OUT     result file
local env = function(name)
  local v = os.getenv(name)
  if not v or v == '' then error('missing ' .. name) end
  return v
end

local function position(name)
  local line, character = env(name):match('^(%d+),(%d+)$')
  return { line = tonumber(line), character = tonumber(character) }
end

local result = { version = vim.version(), diagnostics = {}, errors = vim.empty_dict() }
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, env('IR_OUT'))
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env('IR_RECORD')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'inspection-records',
    cmd = { 'node', env('IR_SERVER'), '--stdio' },
    root_dir = env('IR_ROOT'),
    init_options = { locale = 'zh-cn' },
    on_exit = function(code) result.exit = code end,
  })
  if not client_id then error('start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local arrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnosticsArrived = arrived
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, code = d.code, message = d.message, severity = d.severity })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = position('IR_HOVER') }, 10000, bufnr)
  if hover and hover.result then result.hover = hover.result.contents.value else result.errors.hover = vim.inspect(hover) end

  local completion = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = position('IR_COMPLETE') }, 10000, bufnr)
  result.completion = {}
  if completion and completion.result then
    local items = completion.result.items or completion.result
    for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  else
    result.errors.completion = vim.inspect(completion)
  end
  client.stop()
end)
if not ok then result.errors.script = tostring(err) end
finish()
