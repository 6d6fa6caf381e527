// The article form's editor: TinyMCE (self-hosted under /admin/static/vendor/tinymce, copied
// there by themes/admin/build-assets.sh), image upload to the media library, alt text
// required on every image, and autosave of drafts. Without JavaScript (or if the editor
// fails to load) the form is a plain textarea and still works: nothing here is required.
//
// The server is the final word on what the body may contain (html::sanitize) and refuses
// images without alt text; the checks here only tell the writer sooner.
(function () {
  'use strict';

  var form = document.getElementById('article-form');
  if (!form) return;
  var csrfField = form.querySelector('input[name="_csrf"]');
  var csrf = csrfField ? csrfField.value : '';
  var statusBox = document.getElementById('autosave-status');
  var uploadUrl = form.getAttribute('data-upload-url');
  var autosaveUrl = form.getAttribute('data-autosave-url');
  var AUTOSAVE_MS = 30000;
  var ALT_MISSING =
    'Ảnh chưa có mô tả thay thế (alt). Hãy chọn ảnh, bấm nút Ảnh và nhập mô tả cho người ' +
    'không xem được ảnh; ảnh không có mô tả sẽ không được lưu.';

  function say(text, isError) {
    if (!statusBox) return;
    statusBox.textContent = text;
    statusBox.classList.toggle('error', !!isError);
  }

  // Word and other programs: h1 is the page's own title, so headings start at h2, and
  // h5/h6 become h4 (as the server's sanitiser does).
  function preprocessPaste(_plugin, args) {
    args.content = args.content
      .replace(/<(\/?)h1\b/gi, '<$1h2')
      .replace(/<(\/?)h[56]\b/gi, '<$1h4');
  }

  function uploadImage(blobInfo, progress) {
    return new Promise(function (resolve, reject) {
      if (!uploadUrl) {
        reject({ message: 'Chưa có nơi tải ảnh lên.', remove: true });
        return;
      }
      var data = new FormData();
      data.append('file', blobInfo.blob(), blobInfo.filename());
      var xhr = new XMLHttpRequest();
      xhr.open('POST', uploadUrl);
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) progress((e.loaded / e.total) * 100);
      };
      xhr.onload = function () {
        var body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (e) {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300 && body && body.location) {
          resolve(body.location);
          return;
        }
        var message = body && body.error ? body.error : 'Không tải được ảnh lên (mã ' + xhr.status + ').';
        reject({ message: message, remove: true });
      };
      xhr.onerror = function () {
        reject({ message: 'Mất kết nối khi tải ảnh lên; hãy thử lại.', remove: true });
      };
      xhr.send(data);
    });
  }

  function imagesWithoutAlt(editor) {
    var out = [];
    var imgs = editor.getBody().querySelectorAll('img');
    for (var i = 0; i < imgs.length; i++) {
      var alt = imgs[i].getAttribute('alt');
      if (!alt || !alt.trim()) out.push(imgs[i]);
    }
    return out;
  }

  // ---- autosave -------------------------------------------------------------------------
  var dirty = false;
  var submitting = false;
  var stopped = false;
  var saving = false;

  function markDirty() {
    dirty = true;
  }

  function formBody() {
    if (window.tinymce && tinymce.activeEditor) tinymce.activeEditor.save();
    return new URLSearchParams(new FormData(form));
  }

  function autosave(leaving) {
    if (!autosaveUrl || !dirty || submitting || stopped || saving) return;
    saving = true;
    dirty = false;
    var body = formBody();
    fetch(autosaveUrl, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      keepalive: !!leaving,
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' }
    })
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return { error: 'Chưa lưu tự động được (mã ' + res.status + '); hãy lưu bằng nút Lưu.' };
          })
          .then(function (json) {
            return { status: res.status, json: json };
          });
      })
      .then(function (r) {
        saving = false;
        if (r.status === 200) {
          var base = form.querySelector('input[name="base_revision"]');
          if (base) base.value = String(r.json.revision_id);
          say('Đã lưu tự động (bản ' + r.json.number + ', ' + r.json.saved_at + ').', false);
          return;
        }
        dirty = true;
        if (r.status === 409) {
          // Someone else saved meanwhile: never overwrite their work silently.
          stopped = true;
          say(r.json.error || 'Bài đã được người khác lưu.', true);
          if (r.json.diff_url && statusBox) {
            var a = document.createElement('a');
            a.href = r.json.diff_url;
            a.textContent = ' Xem khác biệt';
            statusBox.appendChild(a);
          }
          return;
        }
        say(r.json.error || 'Chưa lưu tự động được.', true);
      })
      .catch(function () {
        saving = false;
        dirty = true;
        say('Mất kết nối; chưa lưu tự động được. Nội dung vẫn còn trong trang.', true);
      });
  }

  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  form.addEventListener('submit', function (e) {
    if (window.tinymce && tinymce.activeEditor) {
      var missing = imagesWithoutAlt(tinymce.activeEditor);
      if (missing.length > 0) {
        e.preventDefault();
        tinymce.activeEditor.selection.select(missing[0]);
        tinymce.activeEditor.notificationManager.open({ text: ALT_MISSING, type: 'error' });
        say(ALT_MISSING, true);
        return;
      }
    }
    submitting = true;
  });
  if (autosaveUrl) {
    window.setInterval(function () {
      autosave(false);
    }, AUTOSAVE_MS);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') autosave(true);
    });
    window.addEventListener('pagehide', function () {
      autosave(true);
    });
  }

  // ---- the editor -----------------------------------------------------------------------
  if (!window.tinymce) return;
  tinymce.init({
    selector: '#body',
    license_key: 'gpl', // TinyMCE 7 is GPL-2.0-or-later; no cloud, no key server.
    base_url: '/admin/static/vendor/tinymce',
    suffix: '.min',
    // The editor's own menus, dialogs and tooltips in Vietnamese (copied there by
    // build-assets.sh from the tinymce-i18n package).
    language: 'vi',
    language_url: '/admin/static/vendor/tinymce/langs/vi.js',
    promotion: false,
    branding: false,
    menubar: false,
    plugins: 'lists link image table autoresize wordcount',
    toolbar:
      'undo redo | blocks | bold italic underline | bullist numlist blockquote | link image table | removeformat',
    block_formats: 'Đoạn văn=p; Tiêu đề mục=h2; Tiêu đề nhỏ=h3; Tiêu đề nhỏ hơn=h4',
    min_height: 420,
    // What the public page can show (the server's allowlist, html/sanitize.h); the rest of
    // a Word paste (styles, classes, fonts, comments) is dropped here already.
    valid_elements:
      'p,br,hr,h2,h3,h4,strong/b,em/i,u,s/strike,sub,sup,blockquote,ul,ol,li,' +
      'figure[class],figcaption,table,caption,thead,tbody,tfoot,tr,' +
      'th[colspan|rowspan],td[colspan|rowspan],pre,code,a[href|title],img[src|alt|width|height]',
    entity_encoding: 'raw', // Vietnamese letters as they are, not &agrave; and friends
    paste_preprocess: preprocessPaste,
    paste_data_images: true,
    table_default_styles: {},
    table_default_attributes: {},
    table_use_colgroups: false,
    image_caption: true,
    image_description: true,
    image_dimensions: false,
    image_advtab: false,
    images_file_types: 'jpeg,jpg,png,webp,gif',
    automatic_uploads: true,
    images_upload_handler: uploadImage,
    images_reuse_filename: false,
    relative_urls: false,
    remove_script_host: true,
    convert_urls: true,
    link_default_protocol: 'https',
    setup: function (editor) {
      // Refuse to insert or update an image without alt text.
      editor.on('BeforeExecCommand', function (e) {
        if (e.command !== 'mceUpdateImage') return;
        var v = e.value || {};
        if (!v.alt || !String(v.alt).trim()) {
          e.preventDefault();
          editor.notificationManager.open({ text: ALT_MISSING, type: 'error' });
        }
      });
      editor.on('input change undo redo SetContent', function (e) {
        if (e.type === 'setcontent' && e.initial) return;
        markDirty();
      });
    }
  });
})();
