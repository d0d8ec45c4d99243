//! `lianxin admin …`: account administration from the console, for the first accounts and for
//! recovery. The console acts as the system itself; every change is audited.

use std::io::BufRead;

use anyhow::{Context, bail};
use clap::Subcommand;
use lianxin_app::{
    Ctx, Locale, Settings,
    accounts::{self, AccountNew, GrantScope},
};
use lianxin_core::accounts::Role;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum AdminCmd {
    /// Create an account. The password is read from standard input unless --password is given.
    CreateAccount {
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        /// Avoid: a password on the command line can end up in shell history.
        #[arg(long, env = "LIANXIN_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        #[arg(long, default_value = "zh-CN")]
        locale: String,
    },
    /// Set a new password (read from standard input unless --password is given) and end sessions.
    ResetPassword {
        #[arg(long)]
        username: String,
        #[arg(long, env = "LIANXIN_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Grant a role; data roles need --org or --area, administrator roles take neither.
    GrantRole {
        #[arg(long)]
        username: String,
        /// system_admin, security_admin, audit_admin, organizer, secretary, viewer, member
        #[arg(long)]
        role: String,
        #[arg(long)]
        org: Option<Uuid>,
        #[arg(long)]
        area: Option<Uuid>,
    },
    /// Revoke a grant by its id.
    RevokeGrant {
        #[arg(long)]
        grant: Uuid,
    },
    /// Clear a lockout.
    Unlock {
        #[arg(long)]
        username: String,
    },
    /// List accounts.
    List,
}

fn password(given: Option<String>) -> anyhow::Result<String> {
    if let Some(p) = given {
        return Ok(p);
    }
    eprintln!("password (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password")?;
    let p = line.trim_end_matches(['\n', '\r']).to_owned();
    if p.is_empty() {
        bail!("no password given");
    }
    Ok(p)
}

fn explain(e: lianxin_app::AppError) -> anyhow::Error {
    match e.field() {
        Some(f) => anyhow::anyhow!("{f}: {} ({})", e.key(), e),
        None => anyhow::anyhow!("{} ({})", e.key(), e),
    }
}

pub async fn run(settings: Settings, cmd: AdminCmd) -> anyhow::Result<()> {
    let app = crate::config::app(settings).await?;
    let ctx = Ctx::system(app, "cli");
    match cmd {
        AdminCmd::CreateAccount { username, name, password: p, locale } => {
            let p = password(p)?;
            let a = accounts::create(
                &ctx,
                AccountNew { username, display_name: name, password: p, locale: Locale::parse(&locale).unwrap_or_default() },
            )
            .await
            .map_err(explain)?;
            println!("created account {} ({})", a.username, a.id);
        }
        AdminCmd::ResetPassword { username, password: p } => {
            let p = password(p)?;
            accounts::reset_password(&ctx, &username, &p).await.map_err(explain)?;
            println!("password of {username} reset; their sessions have ended");
        }
        AdminCmd::GrantRole { username, role, org, area } => {
            let role = Role::parse(&role).with_context(|| format!("unknown role {role:?}"))?;
            let scope = match (org, area) {
                (Some(o), None) => GrantScope::Org(o),
                (None, Some(a)) => GrantScope::Area(a),
                (None, None) => GrantScope::None,
                _ => bail!("give --org or --area, not both"),
            };
            let g = accounts::grant_role(&ctx, &username, role, scope).await.map_err(explain)?;
            println!("granted {} to {username} (grant {})", g.role, g.id);
        }
        AdminCmd::RevokeGrant { grant } => {
            accounts::revoke_grant(&ctx, grant).await.map_err(explain)?;
            println!("revoked grant {grant}");
        }
        AdminCmd::Unlock { username } => {
            accounts::unlock(&ctx, &username).await.map_err(explain)?;
            println!("unlocked {username}");
        }
        AdminCmd::List => {
            for a in accounts::list(&ctx, None, 500).await.map_err(explain)? {
                println!(
                    "{:<20} {:<30} {}{}",
                    a.username,
                    a.display_name,
                    if a.disabled { "disabled" } else { "active" },
                    if a.totp_enabled { " 2fa" } else { "" }
                );
            }
        }
    }
    Ok(())
}
