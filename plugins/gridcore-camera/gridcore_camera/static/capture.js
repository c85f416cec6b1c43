// 拍照: show the browser's camera (getUserMedia), draw one frame to a canvas and post it as a JPEG.
// No inline script (the pages' CSP allows scripts from the server only) and nothing from elsewhere.
(function () {
  "use strict";
  var root = document.getElementById("camera-capture");
  if (!root) {
    return;
  }
  var video = document.getElementById("camera-video");
  var canvas = document.getElementById("camera-canvas");
  var start = document.getElementById("camera-start");
  var shoot = document.getElementById("camera-shoot");
  var error = document.getElementById("err-capture");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var stream = null;

  function show(text) {
    error.textContent = text;
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  start.addEventListener("click", function () {
    show("");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("此浏览器不能使用摄像头 (需要 https 或本机地址 127.0.0.1)");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(function (opened) {
      stream = opened;
      video.srcObject = opened;
      return video.play();
    }).then(function () {
      shoot.disabled = false;
    }).catch(function (failure) {
      show("无法打开摄像头: " + (failure && failure.name ? failure.name : failure));
    });
  });

  function send(blob) {
    var form = new FormData();
    form.append("photo", blob, "capture.jpg");
    return fetch(root.dataset.url, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": meta ? meta.content : "" }
    }).then(function (answer) {
      return answer.json().catch(function () { return {}; }).then(function (body) {
        if (answer.ok) {
          stop();
          window.location.assign(body.next || window.location.href);
        } else {
          show(body.message || "保存失败 (" + answer.status + ")");
          shoot.disabled = false;
        }
      });
    });
  }

  shoot.addEventListener("click", function () {
    if (!video.videoWidth) {
      show("摄像头还没有画面, 请稍候再拍");
      return;
    }
    shoot.disabled = true;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) {
      if (!blob) {
        show("无法取得画面, 请重试");
        shoot.disabled = false;
        return;
      }
      send(blob).catch(function (failure) {
        show("保存失败: " + failure);
        shoot.disabled = false;
      });
    }, "image/jpeg", 0.92);
  });
})();
