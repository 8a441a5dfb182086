# Build the Windows MSI of Outreach Desk (run on Windows x64, from any folder).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.11 (x64) on PATH as "py -3.11" or "python", .NET SDK 6+ (for the wix tool).
# Output: dist\outreach-desk\ (one-dir app) and dist\OutreachDesk-<version>-x64.msi
# Idempotent: every run rebuilds dist\ and build\ outputs from scratch.
$ErrorActionPreference = "Stop"
$WixVersion = "4.0.6"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root

function Run([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $arguments failed with exit code $LASTEXITCODE" }
}

$Py = "$Root\.venv\Scripts\python.exe"
if (-not (Test-Path $Py)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { Run py @("-3.11", "-m", "venv", ".venv") }
    else { Run python @("-m", "venv", ".venv") }
}
Run $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Run $Py @("-m", "pip", "install", "--quiet", "-e", ".[dev]", "pyinstaller>=6.10")
$Version = (& $Py -c "import outreach_desk; print(outreach_desk.__version__)").Trim()
Write-Host "== Outreach Desk $Version"

Write-Host "== translations, icons"
Run $Py @("resources\translations\update.py", "--release")
Run $Py @("packaging\render_icons.py", "build\icons")

Write-Host "== pyinstaller"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "dist\outreach-desk", "build\pyinstaller"
Run $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
          "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\outreach-desk.spec")

Write-Host "== smoke test of the frozen app"
# the app is a windowed program: no console output, so read the result file it writes
$SmokeDir = "build\smoke"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $SmokeDir
$env:OUTREACH_DESK_POLICY = "$Root\build\no-policy.json"
$env:QT_QPA_PLATFORM = "offscreen"
$Smoke = Start-Process -FilePath "dist\outreach-desk\outreach-desk.exe" -Wait -PassThru `
    -ArgumentList @("--smoke-test", "--profile-dir", $SmokeDir)
Get-Content "$SmokeDir\smoke-result.txt"
Remove-Item Env:OUTREACH_DESK_POLICY, Env:QT_QPA_PLATFORM
if ($Smoke.ExitCode -ne 0) { throw "smoke test failed" }

Write-Host "== msi"
if (-not (Get-Command wix -ErrorAction SilentlyContinue)) {
    Run dotnet @("tool", "install", "--global", "wix", "--version", $WixVersion)
    $env:PATH += ";$env:USERPROFILE\.dotnet\tools"
}
Run wix @("extension", "add", "-g", "WixToolset.Util.wixext/$WixVersion")
Run $Py @("packaging\windows\harvest.py", "dist\outreach-desk", "build\windows\files.wxs")
$Msi = "dist\OutreachDesk-$Version-x64.msi"
Run wix @("build", "-arch", "x64", "-ext", "WixToolset.Util.wixext",
          "-d", "Version=$Version", "-d", "IconFile=build\icons\outreach-desk.ico",
          "packaging\windows\outreach-desk.wxs", "build\windows\files.wxs", "-o", $Msi)
Write-Host "== done: $Msi"
Get-Item $Msi | Select-Object Name, Length
