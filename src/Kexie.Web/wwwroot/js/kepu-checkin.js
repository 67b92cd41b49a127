// 科普 check-in: scan the attendee's QR code with the phone camera (BarcodeDetector), fill the code and submit.
// Browsers without BarcodeDetector or without a camera keep the manual code field, which always works.
(function () {
    const root = document.getElementById('kp-scanner');
    if (!root) return;
    const start = document.getElementById('kp-scan-start');
    const video = document.getElementById('kp-video');
    const note = document.getElementById('kp-scan-note');
    const input = document.getElementById(root.dataset.input);
    const form = document.getElementById(root.dataset.form);
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        start.style.display = 'none';
        return;
    }
    start.addEventListener('click', async () => {
        let stream;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        } catch (e) {
            note.textContent = '无法打开摄像头，请手动输入签到码。';
            return;
        }
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        video.srcObject = stream;
        video.style.display = 'block';
        start.style.display = 'none';
        await video.play();
        const tick = async () => {
            try {
                const codes = await detector.detect(video);
                if (codes.length > 0) {
                    stream.getTracks().forEach(t => t.stop());
                    input.value = codes[0].rawValue.trim();
                    form.requestSubmit();
                    return;
                }
            } catch (e) { /* keep scanning */ }
            requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
})();
