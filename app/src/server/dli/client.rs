//! `DliClient`: built from `DliSettings`, it holds the transport (HTTP client, signing or IAM
//! token, retries) and the project id, given or looked up once from IAM. Its operations are in
//! `operations.rs`.

use super::{
    config_error::DliConfigError,
    error::{DliError, Service},
    iam::{IamProjectList, Scope, TokenCache},
    settings::{DliAuth, DliSettings},
    transport::{Answer, Authenticator, Call, Retry, Transport},
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
    iam_endpoint: Option<Url>,
    region: Option<String>,
    project_id: OnceCell<String>,
}

/// `base` with `path` appended to whatever path it already has (a proxy prefix survives).
pub(super) fn at(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(&format!("{}{path}", base.path().trim_end_matches('/')));
    url
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
        if project_id.is_none() && (region.is_none() || iam_endpoint.is_none()) {
            return Err(DliConfigError::NoProjectSource);
        }
        let auth = match auth {
            DliAuth::AkSk(credentials) => Authenticator::Signing(credentials),
            DliAuth::Password(login) => {
                let iam = iam_endpoint.as_ref().ok_or(DliConfigError::NoIamEndpoint)?;
                let scope = match (&project_id, &region) {
                    (Some(id), _) => Scope::ProjectId(id.clone()),
                    (None, Some(region)) => Scope::ProjectName(region.clone()),
                    (None, None) => return Err(DliConfigError::NoProjectSource),
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
        let project_id = OnceCell::new_with(project_id);
        Ok(Self {
            inner: Arc::new(Inner {
                transport,
                endpoint,
                iam_endpoint,
                region,
                project_id,
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
        self.inner
            .project_id
            .get_or_try_init(|| self.look_up_project_id())
            .await
            .cloned()
    }

    async fn look_up_project_id(&self) -> Result<String, DliError> {
        let (Some(iam), Some(region)) = (&self.inner.iam_endpoint, &self.inner.region) else {
            unreachable!("DliClient::new demands a project id or a region and an IAM endpoint")
        };
        let call = Call {
            operation: "projects",
            service: Service::Iam,
            method: Method::GET,
            url: at(iam, "/v3/projects"),
            query: vec![("name".into(), region.clone())],
            body: b"",
            project_id: None,
            retry: Retry::WhenTransient,
        };
        let projects: IamProjectList = self.inner.transport.send(&call).await?.decode()?;
        let id = projects
            .projects
            .into_iter()
            .flatten()
            .find(|project| project.name.as_ref() == Some(region));
        let id = id
            .and_then(|project| project.id)
            .ok_or_else(|| DliError::NoProject {
                region: region.clone(),
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
            project_id: Some(&project_id),
            retry,
        };
        self.inner.transport.send(&call).await
    }
}

impl fmt::Debug for DliClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DliClient")
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("auth", &self.auth_method())
            .field("project_id", &self.inner.project_id.get())
            .finish()
    }
}
