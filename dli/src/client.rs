//! `DliClient`: built from `DliSettings`, it holds the transport (HTTP client, signing or IAM
//! token, retries) and the project id, given or looked up once from IAM. Its operations are in
//! `operations.rs`.

use super::{
    config_error::DliConfigError,
    error::{DliError, Service},
    exchange::{Answer, Call, Retry, at},
    iam::{IamProjectList, Scope, TokenCache},
    settings::{DliAuth, DliSettings},
    transport::{Authenticator, Transport},
};
use http::Method;
use reqwest::Url;
use std::{fmt, sync::Arc};
use tokio::sync::OnceCell;

#[derive(Clone)]
pub struct DliClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    endpoint: Url,
    project: Project,
    /// The id IAM gave for `Project::LookUp`, once asked.
    looked_up: OnceCell<String>,
}

/// Where the project id comes from: the settings, or IAM by the region's name on first use.
enum Project {
    Given(String),
    LookUp { iam: Url, region: String },
}

impl DliClient {
    pub fn new(settings: DliSettings) -> Result<Self, DliConfigError> {
        let DliSettings {
            endpoint,
            iam_endpoint,
            region,
            project_id,
            auth,
            connect_timeout,
            timeout,
            retry,
            clock,
        } = settings;
        let project = match (project_id, &iam_endpoint, region) {
            (Some(id), _, _) => Project::Given(id),
            (None, Some(iam), Some(region)) => Project::LookUp {
                iam: iam.clone(),
                region,
            },
            (None, _, _) => return Err(DliConfigError::NoProjectSource),
        };
        let auth = match auth {
            DliAuth::AkSk(credentials) => Authenticator::Signing(credentials),
            DliAuth::Password(login) => {
                let iam = iam_endpoint.as_ref().ok_or(DliConfigError::NoIamEndpoint)?;
                let scope = match &project {
                    Project::Given(id) => Scope::ProjectId(id.clone()),
                    Project::LookUp { region, .. } => Scope::ProjectName(region.clone()),
                };
                Authenticator::Token(TokenCache::new(login, iam, scope))
            }
        };
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .build()
            .map_err(DliConfigError::HttpClient)?;
        let transport = Transport {
            http,
            auth,
            retry,
            clock,
            timeout,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                transport,
                endpoint,
                project,
                looked_up: OnceCell::new(),
            }),
        })
    }

    pub fn endpoint(&self) -> &Url {
        &self.inner.endpoint
    }

    /// "AK/SK" or "IAM token", for the start-up log line.
    pub fn auth_method(&self) -> &'static str {
        match self.inner.transport.auth {
            Authenticator::Signing(_) => "AK/SK",
            Authenticator::Token(_) => "IAM token",
        }
    }

    /// The configured project id, or the one IAM gives for the region (looked up once).
    pub async fn project_id(&self) -> Result<String, DliError> {
        match &self.inner.project {
            Project::Given(id) => Ok(id.clone()),
            Project::LookUp { iam, region } => self
                .inner
                .looked_up
                .get_or_try_init(|| self.look_up_project_id(iam, region))
                .await
                .cloned(),
        }
    }

    async fn look_up_project_id(&self, iam: &Url, region: &str) -> Result<String, DliError> {
        let call = Call {
            operation: "projects",
            service: Service::Iam,
            method: Method::GET,
            url: at(iam, "/v3/projects"),
            query: vec![("name".into(), region.to_owned())],
            body: b"",
            body_is_secret: false,
            project_id: None,
            retry: Retry::WhenTransient,
        };
        let projects: IamProjectList = self.inner.transport.send(&call).await?.decode()?;
        let id = projects
            .projects
            .into_iter()
            .flatten()
            .find(|project| project.name.as_deref() == Some(region));
        let id = id
            .and_then(|project| project.id)
            .ok_or_else(|| DliError::NoProject {
                region: region.to_owned(),
            })?;
        tracing::info!(%region, project_id = %id, "looked the project id up in IAM");
        Ok(id)
    }

    pub(super) async fn call(
        &self,
        operation: &'static str,
        method: Method,
        path: &str,
        query: Vec<(String, String)>,
        body: &[u8],
        retry: Retry,
    ) -> Result<Answer, DliError> {
        let project_id = self.project_id().await?;
        let url = at(&self.inner.endpoint, &format!("/v1.0/{project_id}{path}"));
        let call = Call {
            operation,
            service: Service::Dli,
            method,
            url,
            query,
            body,
            body_is_secret: false,
            project_id: Some(&project_id),
            retry,
        };
        self.inner.transport.send(&call).await
    }
}

impl fmt::Debug for DliClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let project_id = match &self.inner.project {
            Project::Given(id) => Some(id),
            Project::LookUp { .. } => self.inner.looked_up.get(),
        };
        f.debug_struct("DliClient")
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("auth", &self.auth_method())
            .field("project_id", &project_id)
            .finish()
    }
}
