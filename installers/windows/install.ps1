<#
  Installs the netready agent as a Windows service (run as Administrator):
    .\install.ps1 -Source C:\netready-dist -WinSW C:\Downloads\WinSW-x64.exe
  -Source holds lib\netready.jar with lib\lib\*.jar (the Debian package's /opt/netready/lib) and
  runtime\ (jlink on a Windows JDK 17, README.md). Idempotent: a second run updates the files and
  keeps agent.yaml and the token. Does not start the service: configure it first.
#>
param(
  [Parameter(Mandatory)] [string] $Source,
  [Parameter(Mandatory)] [string] $WinSW,
  [string] $InstallDir = "$env:ProgramFiles\netready",
  [string] $DataDir = "$env:ProgramData\netready"
)
$ErrorActionPreference = 'Stop'
foreach ($p in "$Source\lib\netready.jar", "$Source\runtime\bin\java.exe", $WinSW) {
  if (-not (Test-Path $p)) { throw "$p is missing: see installers\windows\README.md for how to make it" }
}

$service = Get-Service netready-agent -ErrorAction SilentlyContinue
if ($service -and $service.Status -eq 'Running') { Stop-Service netready-agent }

New-Item -ItemType Directory -Force "$InstallDir", "$DataDir\spool", "$DataDir\logs" | Out-Null
Copy-Item -Recurse -Force "$Source\lib", "$Source\runtime" "$InstallDir"
Copy-Item -Force "$PSScriptRoot\netready-agent.xml" "$InstallDir\netready-agent.xml"
Copy-Item -Force $WinSW "$InstallDir\netready-agent.exe"

if (-not (Test-Path "$DataDir\agent.yaml")) {
  (Get-Content "$PSScriptRoot\..\deb\etc\agent.yaml") `
    -replace '/etc/netready/token', 'C:/ProgramData/netready/token' `
    -replace '/var/lib/netready/spool', 'C:/ProgramData/netready/spool' |
    Set-Content "$DataDir\agent.yaml"
}
if (-not (Test-Path "$DataDir\token")) { New-Item -ItemType File "$DataDir\token" | Out-Null }

# The token: Administrators and the service account only (the 0600 of the Debian package).
icacls "$DataDir\token" /inheritance:r /grant:r "Administrators:F" "NT AUTHORITY\LocalService:R" | Out-Null
# Spool and logs: written by the service account.
icacls "$DataDir\spool" /grant "NT AUTHORITY\LocalService:(OI)(CI)M" | Out-Null
icacls "$DataDir\logs" /grant "NT AUTHORITY\LocalService:(OI)(CI)M" | Out-Null

if (-not $service) { & "$InstallDir\netready-agent.exe" install }
Write-Host "Installed. Edit $DataDir\agent.yaml and put the site token in $DataDir\token, then: Start-Service netready-agent"
