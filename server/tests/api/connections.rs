//! Connections as the server handles them: slow clients are cut off, and the peer's address
//! reaches the handlers.

use crate::helpers::{spawn_app_with, test_settings};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let settings = server::configuration::Settings {
        header_read_timeout: Duration::from_secs(1),
        ..test_settings()
    };
    let app = spawn_app_with(settings).await;
    let address = app.address.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connected");
    // Half a request: the blank line that ends the headers never comes.
    stream
        .write_all(b"GET /coaches HTTP/1.1\r\nHost: cascade\r\n")
        .await
        .expect("written");

    let started = Instant::now();
    let mut buffer = [0_u8; 1024];
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;

    assert!(closed.is_ok(), "the connection was still open after 10 s");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "not before the timeout"
    );
    // Whole requests still work.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
}
